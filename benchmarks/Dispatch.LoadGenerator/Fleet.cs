using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dispatch.LoadGenerator;

/// <summary>One of our tickets, from just before its POST until the end of the run.</summary>
internal sealed class TicketTrack(long sequence, string id, TicketBody body)
{
    public long Sequence { get; } = sequence;
    public string Id { get; } = id;
    public TicketBody Body { get; } = body;
    public long SentTimestamp;
    public long FirstOfferTimestamp;
    public int Offered;
    public int Accepted;

    /// <summary>0 while the POST runs, 1 created (2xx), -1 refused or failed.</summary>
    public int Outcome;
    public string? Error;
}

/// <summary>A simulated engineer: a phone with a hub connection, a position that moves, jobs in progress.</summary>
internal sealed class SimEngineer(int index, string id, string[] skills, double lat, double lon, int seed) : IDisposable
{
    public void Dispose() => JobLane.Dispose();

    public int Index { get; } = index;
    public string Id { get; } = id;
    public string[] Skills { get; } = skills;
    public string Token = "";
    public HubConnection? Hub;
    public double Lat = lat;
    public double Lon = lon;
    public double Heading;
    public long LastAtMs;
    public long LastMoveTimestamp;
    public (double Lat, double Lon)? Destination;
    public readonly Random Random = new(seed);
    public readonly SemaphoreSlim JobLane = new(1, 1);
    public readonly HashSet<string> OffersSeen = new(StringComparer.Ordinal);
    public int ReportInFlight;
    public int ActiveJobs;

    // The last position sent and when: matched against the dispatcher's "engineers" push by positionAt.
    public long PendingSentTimestamp;
    public long PendingAtMs;
}

/// <summary>
/// The simulated engineers. Every engineer holds its own connection to /hubs/engineer (the server pushes an
/// offer only to the engineer's own connections, and a real phone has one), and reports its positions over it
/// with ReportPosition: the connection is already there, so a position costs one WebSocket frame each way
/// instead of an HTTP request with a bearer token to validate. Positions are spread evenly over the interval.
/// Offers are answered over HTTP (POST /api/tickets/{id}/accept), as the engineer app does.
/// </summary>
internal sealed class Fleet(Options options, Api api, City city, Metrics metrics, ConcurrentDictionary<string, TicketTrack> tickets) : IDisposable
{
    public void Dispose()
    {
        _fastForward.Dispose();
        foreach (var e in _engineers)
        {
            e.Dispose();
        }
    }

    private const double SpeedMetersPerSecond = 30_000.0 / 3600; // ~30 km/h
    private readonly List<SimEngineer> _engineers = [];
    private readonly Dictionary<string, SimEngineer> _byId = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _fastForward = new();
    private readonly ConcurrentDictionary<Task, byte> _jobs = new();
    private HubConnection? _dispatcher;
    private readonly ConcurrentDictionary<string, byte> _alertsSeen = new(StringComparer.Ordinal);

    public int Connected => _engineers.Count(e => e.Hub?.State == HubConnectionState.Connected);

    public IReadOnlyList<SimEngineer> Engineers => _engineers;

    /// <summary>Creates the engineers (deterministic from the seed): 2-3 of the mix's skills, home bases inside the regions.</summary>
    public void Create(Random random)
    {
        var skillPool = Mix.SkillNames.Take(options.Mix.Skills).ToArray();
        for (var i = 0; i < options.Engineers; i++)
        {
            // Engineer i is the same engineer in every run with this seed, whatever N or the other options.
            random = new Random(unchecked(options.Seed * 1_000_003 + i));
            var count = Math.Min(skillPool.Length, random.Next(2, 4));
            var skills = skillPool.OrderBy(_ => random.Next()).Take(count).ToArray();
            var (lat, lon) = city.RandomPoint(random);
            var e = new SimEngineer(i, $"{options.EngineerPrefix}-{i:D5}", skills, lat, lon, random.Next())
            {
                Heading = random.NextDouble() * 2 * Math.PI,
            };
            _engineers.Add(e);
            _byId[e.Id] = e;
        }
    }

    /// <summary>The dispatcher connection that measures position lag and counts SLA alerts.</summary>
    public async Task ConnectDispatcherAsync(string token, CancellationToken ct)
    {
        _dispatcher = new HubConnectionBuilder()
            .WithUrl(new Uri(api.Target, "/hubs/dispatch"), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .WithAutomaticReconnect()
            .Build();
        _dispatcher.On<EngineerMarker[]>("engineers", OnEngineers);
        _dispatcher.On<AlertNote[]>("alerts", OnAlerts);
        _dispatcher.Reconnected += _ => { Interlocked.Increment(ref metrics.HubReconnects); return Task.CompletedTask; };
        await _dispatcher.StartAsync(ct);
    }

    private void OnEngineers(EngineerMarker[] markers)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref metrics.EngineerPushes);
        Interlocked.Add(ref metrics.MarkersSeen, markers.Length);
        foreach (var m in markers)
        {
            if (!_byId.TryGetValue(m.Id, out var e))
            {
                continue;
            }
            var atMs = m.PositionAt.ToUnixTimeMilliseconds();
            var pending = Volatile.Read(ref e.PendingAtMs);
            if (pending != 0 && pending == atMs && Interlocked.CompareExchange(ref e.PendingAtMs, 0, pending) == pending)
            {
                metrics.PositionLag.RecordTicks(now - Volatile.Read(ref e.PendingSentTimestamp));
                Interlocked.Increment(ref metrics.PositionsSeen);
            }
        }
    }

    private void OnAlerts(AlertNote[] alerts)
    {
        foreach (var a in alerts)
        {
            if (!_alertsSeen.TryAdd(a.Id, 0))
            {
                continue;
            }
            Interlocked.Increment(ref metrics.AlertsSeen);
            metrics.AlertKinds.AddOrUpdate(a.Kind, 1, (_, n) => n + 1);
            if (a.Kind == "breach")
            {
                Interlocked.Increment(ref metrics.Breaches);
            }
        }
    }

    /// <summary>
    /// Per engineer: a token, PUT the profile, finish work left over from an earlier run, Available, connect the
    /// hub, and a first position (an engineer without one is never a candidate). Bounded concurrency.
    /// </summary>
    public async Task SetUpAsync(Action<int> progress, CancellationToken ct)
    {
        var done = 0;
        var failures = 0;
        await Parallel.ForEachAsync(_engineers, new ParallelOptions { MaxDegreeOfParallelism = options.SetupConcurrency, CancellationToken = ct }, async (e, token) =>
        {
            try
            {
                await SetUpOneAsync(e, token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Interlocked.Increment(ref failures);
                metrics.Error($"setup:{ex.GetType().Name}");
            }
            var n = Interlocked.Increment(ref done);
            if (n % 500 == 0 || n == _engineers.Count)
            {
                progress(n);
            }
        });
        if (failures > _engineers.Count / 10)
        {
            throw new InvalidOperationException($"{failures} of {_engineers.Count} engineers could not be set up");
        }
    }

    private async Task SetUpOneAsync(SimEngineer e, CancellationToken ct)
    {
        e.Token = await api.TokenAsync("engineer", e.Id, ct);
        var profile = new EngineerBody($"Sim {e.Id}", e.Skills.ToDictionary(s => s, _ => 50 + e.Random.Next(50)), new LatLon(e.Lat, e.Lon), 2);
        // Registering is the dispatch center's job (admin or dispatcher), not the engineer's own.
        var put = await api.Field<object>(HttpMethod.Put, $"/api/engineers/{e.Id}", AdminToken, profile, "setup-engineer", ct);
        if (!put.Ok)
        {
            throw new InvalidOperationException($"PUT engineer {e.Id}: {put.ErrorKind}");
        }
        if (put.Status == 200)
        {
            await RecoverAsync(e, ct);
        }
        var status = await api.Field<object>(HttpMethod.Post, $"/api/engineers/{e.Id}/status", e.Token, new StatusBody("Available"), "setup-status", ct);
        if (!status.Ok)
        {
            throw new InvalidOperationException($"status of {e.Id}: {status.ErrorKind}");
        }
        e.Hub = new HubConnectionBuilder()
            .WithUrl(new Uri(api.Target, "/hubs/engineer"), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(e.Token);
            })
            .WithAutomaticReconnect(new KeepTrying())
            .Build();
        e.Hub.On<OfferPush>("offer", offer => OnOffer(e, offer));
        e.Hub.Reconnected += connectionId =>
        {
            Interlocked.Increment(ref metrics.HubReconnects);
            _ = CatchUpAsync(e);
            return Task.CompletedTask;
        };
        await e.Hub.StartAsync(ct);
        e.LastMoveTimestamp = Stopwatch.GetTimestamp();
        await ReportPositionAsync(e, ct);
    }

    public string AdminToken { get; set; } = "";

    /// <summary>An engineer id reused from an earlier run may still hold an offer or jobs: decline, finish them.</summary>
    private async Task RecoverAsync(SimEngineer e, CancellationToken ct)
    {
        var work = await api.Field<WorkView>(HttpMethod.Get, $"/api/engineers/{e.Id}/work", e.Token, null, "setup-work", ct);
        if (!work.Ok || work.Value is null)
        {
            return;
        }
        // The phone carries on from where it last was: a jump to a new home base would be flagged (> 300 km/h).
        if (work.Value.Engineer?.Position is { Point: { } last } position)
        {
            (e.Lat, e.Lon) = (last.Lat, last.Lon);
            e.LastAtMs = position.At.ToUnixTimeMilliseconds();
        }
        if (work.Value.Offer?.Details?.TicketId is { } offered)
        {
            await api.Field<object>(HttpMethod.Post, $"/api/tickets/{offered}/decline", e.Token, new FieldActionBody(Reason: "load generator restart"), "recover", ct, 2);
        }
        foreach (var job in work.Value.Jobs ?? [])
        {
            foreach (var step in new[] { "en-route", "on-site", "resolved" })
            {
                await api.Field<object>(HttpMethod.Post, $"/api/tickets/{job.Id}/{step}", e.Token, new FieldActionBody(), "recover", ct, 2);
            }
        }
    }

    /// <summary>Sends every engineer's position once per interval, engineer k at phase k/N of it, until cancelled.</summary>
    public async Task RunPositionsAsync(CancellationToken ct)
    {
        var n = _engineers.Count;
        var intervalTicks = (long)(options.PositionInterval * Stopwatch.Frequency);
        var start = Stopwatch.GetTimestamp();
        long fired = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var elapsed = Stopwatch.GetTimestamp() - start;
                // Report r (r = round * n + k) is due at round * interval + k * interval / n.
                var due = (long)((double)elapsed / intervalTicks * n) + 1;
                // After a stall, skip rather than burst: a phone that was busy just sends its next position later.
                if (due - fired > n)
                {
                    metrics.Error("position:skipped-behind");
                    fired = due - n;
                }
                while (fired < due)
                {
                    var e = _engineers[(int)(fired % n)];
                    fired++;
                    if (Interlocked.CompareExchange(ref e.ReportInFlight, 1, 0) != 0)
                    {
                        metrics.Error("position:previous-still-in-flight");
                        continue;
                    }
                    _ = ReportAndReleaseAsync(e, ct);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private async Task ReportAndReleaseAsync(SimEngineer e, CancellationToken ct)
    {
        try
        {
            await ReportPositionAsync(e, ct);
        }
        finally
        {
            Volatile.Write(ref e.ReportInFlight, 0);
        }
    }

    private async Task ReportPositionAsync(SimEngineer e, CancellationToken ct)
    {
        if (e.Hub is not { State: HubConnectionState.Connected } hub)
        {
            metrics.Error("position:hub-not-connected");
            return;
        }
        Move(e);
        var atMs = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), e.LastAtMs + 1);
        e.LastAtMs = atMs;
        var at = DateTimeOffset.FromUnixTimeMilliseconds(atMs);
        var sent = Stopwatch.GetTimestamp();
        Volatile.Write(ref e.PendingSentTimestamp, sent);
        Volatile.Write(ref e.PendingAtMs, atMs);
        Interlocked.Increment(ref metrics.PositionsSent);
        try
        {
            var outcome = await hub.InvokeAsync<string>("ReportPosition", e.Lat, e.Lon, at, 10.0, ct);
            metrics.PositionCall.RecordTicks(Stopwatch.GetTimestamp() - sent);
            switch (outcome)
            {
                case "Accepted": Interlocked.Increment(ref metrics.PositionsAccepted); break;
                case "Flagged": Interlocked.Increment(ref metrics.PositionsFlagged); break;
                default: Interlocked.Increment(ref metrics.PositionsIgnored); break;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            metrics.Error($"position:{ex.GetType().Name}");
        }
    }

    /// <summary>~30 km/h: towards the current job site when driving to one, otherwise a random walk that stays inside the regions.</summary>
    private void Move(SimEngineer e)
    {
        var now = Stopwatch.GetTimestamp();
        var seconds = Math.Min(120, (double)(now - e.LastMoveTimestamp) / Stopwatch.Frequency);
        e.LastMoveTimestamp = now;
        var step = SpeedMetersPerSecond * seconds;
        lock (e.Random)
        {
            if (e.Destination is { } d)
            {
                var distance = City.DistanceMeters(e.Lat, e.Lon, d.Lat, d.Lon);
                if (distance <= step)
                {
                    (e.Lat, e.Lon) = d;
                    return;
                }
                e.Heading = City.Bearing(e.Lat, e.Lon, d.Lat, d.Lon);
                (e.Lat, e.Lon) = City.Move(e.Lat, e.Lon, e.Heading, step);
                return;
            }
            e.Heading += (e.Random.NextDouble() - 0.5) * 0.8;
            for (var attempt = 0; attempt < 6; attempt++)
            {
                var (lat, lon) = City.Move(e.Lat, e.Lon, e.Heading, step);
                if (city.Contains(lat, lon))
                {
                    (e.Lat, e.Lon) = (lat, lon);
                    return;
                }
                e.Heading += Math.PI / 2 + e.Random.NextDouble() * Math.PI;
            }
        }
    }

    /// <summary>
    /// Reconnects like a phone that wants its work: at once, after 1, 2 and 5 s, then every 5 s for as long as
    /// the run lasts (a web node that restarts slowly must not leave the fleet offline for the rest of the run).
    /// </summary>
    private sealed class KeepTrying : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext context) => context.PreviousRetryCount switch
        {
            0 => TimeSpan.Zero,
            1 => TimeSpan.FromSeconds(1),
            2 => TimeSpan.FromSeconds(2),
            _ => TimeSpan.FromSeconds(5),
        };
    }

    /// <summary>After a reconnect, like the engineer app: read the work, and answer an offer pushed while disconnected.</summary>
    private async Task CatchUpAsync(SimEngineer e)
    {
        try
        {
            var work = await api.Field<WorkView>(HttpMethod.Get, $"/api/engineers/{e.Id}/work", e.Token, null, "catch-up", CancellationToken.None, 2);
            if (work.Value?.Offer?.Details?.TicketId is { } ticketId)
            {
                OnOffer(e, new OfferPush(e.Id, ticketId, e.Lat, e.Lon, 0, DateTimeOffset.MaxValue));
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
        {
            metrics.Error("catch-up:failed");
        }
    }

    private void OnOffer(SimEngineer e, OfferPush offer)
    {
        // The same offer can arrive twice: pushed, and read again after a reconnect. It is answered once.
        lock (e.OffersSeen)
        {
            if (!e.OffersSeen.Add(offer.TicketId))
            {
                return;
            }
        }
        var now = Stopwatch.GetTimestamp();
        if (tickets.TryGetValue(offer.TicketId, out var track))
        {
            if (Interlocked.Exchange(ref track.Offered, 1) == 0)
            {
                Volatile.Write(ref track.FirstOfferTimestamp, now);
                metrics.IntakeToOffer.RecordTicks(now - Volatile.Read(ref track.SentTimestamp));
                Interlocked.Increment(ref metrics.Offered);
            }
            else
            {
                Interlocked.Increment(ref metrics.RepeatOffers);
            }
        }
        else
        {
            Interlocked.Increment(ref metrics.ForeignOffers);
        }
        var job = AnswerAsync(e, offer, track);
        _jobs.TryAdd(job, 0);
        _ = job.ContinueWith(t => _jobs.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>The phone: wait, accept (or decline), then work the job through en-route, on-site and resolved.</summary>
    private async Task AnswerAsync(SimEngineer e, OfferPush offer, TicketTrack? track)
    {
        var ct = _fastForward.Token;
        int delayMs;
        bool decline;
        double jobSeconds;
        lock (e.Random)
        {
            delayMs = options.AcceptDelayMs + (options.AcceptDelayMaxMs > options.AcceptDelayMs ? e.Random.Next(options.AcceptDelayMaxMs - options.AcceptDelayMs) : 0);
            decline = options.DeclinePercent > 0 && e.Random.NextDouble() * 100 < options.DeclinePercent;
            jobSeconds = options.JobMinSeconds + e.Random.NextDouble() * (options.JobMaxSeconds - options.JobMinSeconds);
        }
        try
        {
            if (delayMs > 0)
            {
                await Task.Delay(delayMs, ct);
            }
        }
        catch (OperationCanceledException)
        {
            return; // stopping: going offline gives the offer back
        }
        if (decline)
        {
            var d = await api.Field<object>(HttpMethod.Post, $"/api/tickets/{offer.TicketId}/decline", e.Token, new FieldActionBody(Reason: "simulated: too far"), "decline", CancellationToken.None, 3);
            if (d.Ok)
            {
                Interlocked.Increment(ref metrics.Declined);
            }
            else
            {
                metrics.Error(d.ErrorKind ?? "decline:?");
            }
            return;
        }
        var accept = await api.Field<object>(HttpMethod.Post, $"/api/tickets/{offer.TicketId}/accept", e.Token, new FieldActionBody(), "accept", CancellationToken.None, 3);
        if (!accept.Ok)
        {
            metrics.Error(accept.ErrorKind ?? "accept:?");
            return;
        }
        if (track is not null && Interlocked.Exchange(ref track.Accepted, 1) == 0)
        {
            metrics.IntakeToAccepted.RecordTicks(Stopwatch.GetTimestamp() - Volatile.Read(ref track.SentTimestamp));
            Interlocked.Increment(ref metrics.Accepted);
        }
        Interlocked.Increment(ref e.ActiveJobs);
        try
        {
            if (options.Scenario == Scenario.Demo)
            {
                await DriveAndWorkAsync(e, offer, jobSeconds, ct);
            }
            else
            {
                await Pause(jobSeconds * 0.2, ct);
                await Step(e, offer.TicketId, "en-route");
                await Pause(jobSeconds * 0.3, ct);
                await Step(e, offer.TicketId, "on-site");
                await Pause(jobSeconds * 0.5, ct);
                await Step(e, offer.TicketId, "resolved");
            }
            Interlocked.Increment(ref metrics.Resolved);
        }
        finally
        {
            Interlocked.Decrement(ref e.ActiveJobs);
        }
    }

    /// <summary>Demo: one job at a time per engineer; drive to the site at ~30 km/h (the position loop moves), then work.</summary>
    private async Task DriveAndWorkAsync(SimEngineer e, OfferPush offer, double workSeconds, CancellationToken ct)
    {
        try
        {
            await e.JobLane.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            await Step(e, offer.TicketId, "en-route");
            await Step(e, offer.TicketId, "on-site");
            await Step(e, offer.TicketId, "resolved");
            return;
        }
        try
        {
            await Step(e, offer.TicketId, "en-route");
            lock (e.Random)
            {
                e.Destination = (offer.Lat, offer.Lon);
            }
            var deadline = Stopwatch.GetTimestamp() + 30 * 60 * Stopwatch.Frequency;
            while (!ct.IsCancellationRequested && Stopwatch.GetTimestamp() < deadline
                   && City.DistanceMeters(e.Lat, e.Lon, offer.Lat, offer.Lon) > 30)
            {
                await Pause(options.PositionInterval, ct);
            }
            await Step(e, offer.TicketId, "on-site");
            await Pause(workSeconds, ct);
            lock (e.Random)
            {
                e.Destination = null;
            }
            await Step(e, offer.TicketId, "resolved");
        }
        finally
        {
            e.JobLane.Release();
        }
    }

    private static async Task Pause(double seconds, CancellationToken ct)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds), ct);
        }
        catch (OperationCanceledException)
        {
            // fast-forward at the end of the run: the remaining steps are sent at once
        }
    }

    private async Task Step(SimEngineer e, string ticketId, string step)
    {
        var r = await api.Field<object>(HttpMethod.Post, $"/api/tickets/{ticketId}/{step}", e.Token, new FieldActionBody(), step, CancellationToken.None, 3);
        if (!r.Ok)
        {
            metrics.Error(r.ErrorKind ?? $"{step}:?");
        }
    }

    /// <summary>
    /// The end of a run: jobs in progress are finished at once, engineers go Offline (which gives back offers
    /// not yet answered), and every connection closes. Leaves nothing for the next run to trip over.
    /// </summary>
    public async Task StopAsync(bool cleanup, CancellationToken ct)
    {
        _fastForward.Cancel();
        if (cleanup)
        {
            try
            {
                await Task.WhenAll(_jobs.Keys.ToArray()).WaitAsync(TimeSpan.FromSeconds(60), ct);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                metrics.Error("cleanup:jobs-unfinished");
            }
            await Parallel.ForEachAsync(_engineers.Where(e => e.Token.Length > 0), new ParallelOptions { MaxDegreeOfParallelism = options.SetupConcurrency, CancellationToken = ct }, async (e, token) =>
            {
                await api.Field<object>(HttpMethod.Post, $"/api/engineers/{e.Id}/status", e.Token, new StatusBody("Offline"), "cleanup", token, 2);
            });
        }
        await Parallel.ForEachAsync(_engineers.Where(e => e.Hub is not null), new ParallelOptions { MaxDegreeOfParallelism = 256 }, async (e, _) =>
        {
            try
            {
                await e.Hub!.DisposeAsync();
            }
            catch (Exception)
            {
                // closing anyway
            }
        });
        if (_dispatcher is not null)
        {
            await _dispatcher.DisposeAsync();
        }
    }
}
