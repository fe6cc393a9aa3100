using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Dispatch.LoadGenerator;

Options options;
try
{
    options = Options.Parse(args);
}
catch (OptionException ex)
{
    if (ex.Message.Length > 0)
    {
        Console.Error.WriteLine($"load: {ex.Message}");
        Console.Error.WriteLine();
    }
    Console.Error.WriteLine(Options.Usage);
    return ex.Message.Length > 0 ? 64 : 0;
}

// First Ctrl-C (or SIGTERM): stop arrivals, skip the drain, finish jobs, report. Second: abort at once.
using var stop = new CancellationTokenSource();
using var abort = new CancellationTokenSource();
void RequestStop()
{
    if (stop.IsCancellationRequested)
    {
        Console.Error.WriteLine("load: aborting");
        abort.Cancel();
    }
    else
    {
        Console.Error.WriteLine("load: stopping (Ctrl-C again to abort)");
        stop.Cancel();
    }
}
Console.CancelKeyPress += (_, e) => { e.Cancel = true; RequestStop(); };
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; RequestStop(); });

try
{
    return await new Run(options).ExecuteAsync(stop.Token, abort.Token);
}
catch (OperationCanceledException) when (abort.IsCancellationRequested)
{
    return 130;
}
catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException)
{
    Console.Error.WriteLine($"load: {ex.Message}");
    return 1;
}

namespace Dispatch.LoadGenerator
{
    /// <summary>One run: set up, arrivals, drain, report, store check, clean up.</summary>
    internal sealed class Run(Options o)
    {
        private readonly Metrics _m = new();
        private readonly ConcurrentDictionary<string, TicketTrack> _tickets = new(StringComparer.Ordinal);
        private readonly List<TicketTrack> _order = [];
        private readonly Stopwatch _clock = new();
        private long _clockStart;
        private double _arrivalSeconds;

        private static string Now => DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

        private static void Say(string text) => Console.WriteLine($"{Now} {text}");

        public async Task<int> ExecuteAsync(CancellationToken stop, CancellationToken abort)
        {
            using var api = new Api(o.Target, o.HttpConnections, _m);
            Say($"target {o.Target} · scenario {o.Scenario.ToString().ToLowerInvariant()} · " +
                (o.Endless ? "until Ctrl-C" : FormattableString.Invariant($"{o.Duration:0.#} s")) +
                FormattableString.Invariant($" · {o.Rate:0.###} tickets/s · {o.Engineers} engineers, positions every {o.PositionInterval:0.#} s · accept after {o.AcceptDelayMs}") +
                (o.AcceptDelayMaxMs > o.AcceptDelayMs ? $"-{o.AcceptDelayMaxMs}" : "") + " ms" +
                (o.Endless ? "" : $" · at most {o.MaxTickets} tickets") + $" · seed {o.Seed} · run {o.RunId}");
            Say($"mix: {o.Mix}");

            // ---- set-up -------------------------------------------------------------------------------
            var admin = await api.TokenAsync("admin", null, abort);
            var intake = await api.TokenAsync("intake", null, abort);
            var dispatcher = await api.TokenAsync("dispatcher", null, abort);
            var regions = await api.Field<JsonElement>(HttpMethod.Get, "/api/regions", dispatcher, null, "setup-regions", abort);
            if (!regions.Ok)
            {
                throw new InvalidOperationException($"GET /api/regions: {regions.ErrorKind}");
            }
            var city = City.FromGeoJson(regions.Value.GetRawText());
            _city = city;
            Say(FormattableString.Invariant($"city: regions {string.Join(", ", city.RegionIds)}; {city.MinLat:0.###}-{city.MaxLat:0.###}N {city.MinLon:0.###}-{city.MaxLon:0.###}E"));

            var random = new Random(o.Seed);
            var customers = new List<(string Id, bool Vip)>();
            for (var i = 0; i < o.Customers; i++)
            {
                customers.Add(($"{o.CustomerPrefix}-{i:D5}", random.NextDouble() * 100 < o.Mix.VipPercent));
            }
            await Parallel.ForEachAsync(customers, new ParallelOptions { MaxDegreeOfParallelism = o.SetupConcurrency, CancellationToken = abort }, async (c, ct) =>
            {
                var r = await api.Field<object>(HttpMethod.Put, $"/api/customers/{c.Id}", admin,
                    new CustomerBody($"Simulated customer {c.Id}", c.Vip ? "vip" : "standard", []), "setup-customer", ct);
                if (!r.Ok)
                {
                    throw new InvalidOperationException($"PUT /api/customers/{c.Id}: {r.ErrorKind} {api.ErrorSamples.GetValueOrDefault(r.ErrorKind ?? "")}");
                }
            });
            Say($"customers: {customers.Count} ({customers.Count(c => c.Vip)} vip)");

            using var fleet = new Fleet(o, api, city, _m, _tickets) { AdminToken = admin };
            fleet.Create(random);
            await fleet.ConnectDispatcherAsync(dispatcher, abort);
            var setupWatch = Stopwatch.StartNew();
            await fleet.SetUpAsync(n => { if (!o.Quiet || n == o.Engineers) Say($"engineers set up: {n}/{o.Engineers}"); }, abort);
            Say(FormattableString.Invariant($"engineers: {o.Engineers} registered, Available, each with its own /hubs/engineer connection ({fleet.Connected} connected) in {setupWatch.Elapsed.TotalSeconds:0.0} s"));

            await using var webhooks = o.Webhooks > 0 ? await WebhookReceiver.StartAsync() : null;
            if (webhooks is not null)
            {
                await webhooks.SubscribeAsync(api, admin, o.Webhooks, o.RunId, abort);
                Say($"webhooks: {o.Webhooks} subscription(s) to every ticket event, received on 127.0.0.1");
            }

            if (o.Scenario == Scenario.Drill)
            {
                await Drill.InstallPolicyAsync(api, admin, abort);
                Say("drill: SLA policy 'drill' (response 2 s, resolution 5 s; warning, breach, escalation) put first");
            }

            // ---- the run ------------------------------------------------------------------------------
            using var positionsStop = CancellationTokenSource.CreateLinkedTokenSource(abort);
            var positions = Task.Run(() => fleet.RunPositionsAsync(positionsStop.Token), CancellationToken.None);
            var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            _clockStart = Stopwatch.GetTimestamp();
            _clock.Start();
            using var progressStop = CancellationTokenSource.CreateLinkedTokenSource(abort);
            var progress = Task.Run(() => ProgressAsync(progressStop.Token), CancellationToken.None);
            var faults = new FaultRunner(o.Faults, o.HealthUrls, _clock, Say);
            var faulting = Task.Run(() => faults.RunAsync(abort), CancellationToken.None);
            var memory = new ProcessWatch(o.Watched);
            var serverCpuStart = memory.CpuSeconds();
            using var memoryStop = CancellationTokenSource.CreateLinkedTokenSource(abort);
            var watching = Task.Run(() => memory.RunAsync(memoryStop.Token), CancellationToken.None);

            await ArrivalsAsync(api, intake, customers, random, stop, abort);
            _arrivalSeconds = _clock.Elapsed.TotalSeconds;
            var drainWatch = Stopwatch.StartNew();
            if (!stop.IsCancellationRequested && !o.Endless)
            {
                await DrainAsync(stop);
            }
            var drainSeconds = drainWatch.Elapsed.TotalSeconds;
            var runSeconds = _clock.Elapsed.TotalSeconds;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
            var serverCpu = memory.CpuSeconds().Where(p => serverCpuStart.ContainsKey(p.Key))
                .ToDictionary(p => p.Key, p => Math.Round(p.Value - serverCpuStart[p.Key], 2), StringComparer.Ordinal);
            await progressStop.CancelAsync();
            await progress;
            Say($"arrivals ended after {_arrivalSeconds:0.0} s; drain {drainSeconds:0.0} s");

            // A fault scheduled late in the run still finishes (and is recovered from) before the numbers are taken.
            await faulting;
            await memoryStop.CancelAsync();
            await watching;

            // Numbers of the run, before the check and the clean-up add calls of their own.
            var snapshot = Snapshot(runSeconds, drainSeconds, cpu, fleet.Connected) with { ServerCpuSeconds = serverCpu.Count > 0 ? serverCpu : null };
            if (webhooks is not null)
            {
                Say("webhooks: waiting for every created ticket's ticket.created (at most 60 s)");
                var createdIds = _order.Where(t => t.Outcome == 1).Select(t => t.Id).ToList();
                snapshot = snapshot with { Webhooks = await webhooks.DrainAsync(createdIds, TimeSpan.FromSeconds(60), abort) };
                await webhooks.UnsubscribeAsync(api, admin, abort);
            }
            if (o.Scenario == Scenario.Drill)
            {
                snapshot = snapshot with
                {
                    Drill = new DrillReport(faults.Outcomes, Drill.Waits(faults.Outcomes, _order, _clockStart),
                        _order.LongCount(t => t.Outcome == 1 && t.FirstOfferTimestamp == 0),
                        _m.Refused429, _m.Refused503, _m.Refusals.Summary(), memory.PeakMb()),
                };
            }

            await positionsStop.CancelAsync();
            await positions;

            StoreCheck? check = null;
            if (!o.SkipStoreCheck)
            {
                check = await CheckStoreAsync(api, intake, dispatcher, abort);
            }
            Say(o.Cleanup ? "finishing jobs in progress, taking engineers offline, closing connections" : "closing connections");
            await fleet.StopAsync(o.Cleanup, abort);

            var report = snapshot with { Store = check, ErrorSamples = new Dictionary<string, string>(api.ErrorSamples) };
            Print(report);
            if (o.Out is { } path)
            {
                await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, ReportJson), abort);
                Say($"results written to {path}");
            }
            var webhooksFailed = report.Webhooks is { } wh && (wh.CreatedMissing > 0 || wh.OutOfOrder > 0 || wh.BadSignatures > 0);
            return check is { Passed: false } || webhooksFailed ? 2 : 0;
        }

        private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

        /// <summary>
        /// Poisson arrivals: exponential gaps from the seeded Random, each arrival due at its own instant on the
        /// Stopwatch (no accumulated Task.Delay drift); a late loop catches up by sending what is due at once, and
        /// the lateness is recorded (generator lag). Open loop: a slow server does not slow the arrivals, up to a
        /// bound on requests in flight.
        /// </summary>
        private async Task ArrivalsAsync(Api api, string token, List<(string Id, bool Vip)> customers, Random random, CancellationToken stop, CancellationToken abort)
        {
            var skills = Mix.SkillNames.Take(o.Mix.Skills).ToArray();
            var weights = new[] { o.Mix.P1, o.Mix.P2, o.Mix.P3, o.Mix.P4 };
            var totalWeight = weights.Sum();
            using var inFlight = new SemaphoreSlim(Math.Max(256, (int)Math.Min(20_000, o.Rate * 10)));
            // Requests still running when the arrivals end get the drain period, then are cancelled: the run is
            // bounded in time even against a server that has stopped answering.
            using var end = CancellationTokenSource.CreateLinkedTokenSource(abort);
            using var arrivalsStop = CancellationTokenSource.CreateLinkedTokenSource(stop, abort);
            if (!o.Endless)
            {
                // Wall clock, not the schedule: a server that holds the generator back (requests in flight at
                // the bound) does not stretch the run; the arrivals not sent by then are counted, not sent late.
                arrivalsStop.CancelAfter(TimeSpan.FromSeconds(o.Duration));
            }
            var start = Stopwatch.GetTimestamp();
            var t = 0.0;
            long seq = 0;
            var pending = new List<Task>();
            var prefix = o.Scenario == Scenario.Demo ? "demo" : "lg";
            while (!stop.IsCancellationRequested && seq < o.MaxTickets)
            {
                t += -Math.Log(1 - random.NextDouble()) / o.RateAt(t);
                if (!o.Endless && t >= o.Duration)
                {
                    break;
                }
                var dueTs = start + (long)(t * Stopwatch.Frequency);
                var wait = (double)(dueTs - Stopwatch.GetTimestamp()) / Stopwatch.Frequency;
                if (wait > 0.002)
                {
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds(wait - 0.001), arrivalsStop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
                while (Stopwatch.GetTimestamp() < dueTs)
                {
                    Thread.SpinWait(20);
                }

                // The ticket: a random point in the city, a random customer, priority and skills from the mix.
                var (lat, lon) = _city!.RandomPoint(random);
                var customer = customers[random.Next(customers.Count)];
                var pick = random.NextDouble() * totalWeight;
                var priority = pick < weights[0] ? "P1" : pick < weights[0] + weights[1] ? "P2" : pick < weights[0] + weights[1] + weights[2] ? "P3" : "P4";
                var skill = skills[random.Next(skills.Length)];
                string[] required = random.NextDouble() * 100 < o.Mix.MultiSkillPercent && skills.Length > 1
                    ? [skill, skills.Where(s => s != skill).ElementAt(random.Next(skills.Length - 1))]
                    : [skill];
                var externalId = $"{prefix}-{o.RunId}-{seq:D7}";
                var body = new TicketBody(customer.Id, $"{skill} fault #{seq}", $"Simulated by the load generator (run {o.RunId}).",
                    "repair", priority, new LatLon(Math.Round(lat, 6), Math.Round(lon, 6)), required, "api", externalId);
                var track = new TicketTrack(seq, Api.TicketIdFor("api", externalId), body);
                _tickets[track.Id] = track;
                _order.Add(track);
                seq++;
                Interlocked.Increment(ref _m.Scheduled);

                try
                {
                    await inFlight.WaitAsync(arrivalsStop.Token);
                }
                catch (OperationCanceledException) when (!abort.IsCancellationRequested)
                {
                    _tickets.TryRemove(track.Id, out _);
                    _order.RemoveAt(_order.Count - 1);
                    Interlocked.Decrement(ref _m.Scheduled);
                    if (!stop.IsCancellationRequested && !o.Endless)
                    {
                        var notSent = (long)Math.Round(o.Rate * Math.Max(0, o.Duration - t)) + 1;
                        _m.Errors.AddOrUpdate("intake:not-sent-in-time(backpressure)", notSent, (_, n) => n + notSent);
                    }
                    break;
                }
                pending.Add(SendAsync(api, token, track, dueTs, inFlight, end.Token));
                if (pending.Count > 4096)
                {
                    pending.RemoveAll(p => p.IsCompleted);
                }
            }
            end.CancelAfter(stop.IsCancellationRequested ? TimeSpan.Zero : TimeSpan.FromSeconds(o.DrainSeconds));
            using var stopRegistration = stop.Register(() => end.Cancel());
            await Task.WhenAll(pending);
        }

        private City? _city;

        private async Task SendAsync(Api api, string token, TicketTrack track, long dueTs, SemaphoreSlim inFlight, CancellationToken abort)
        {
            Interlocked.Increment(ref _m.InFlightIntake);
            try
            {
                var sent = Stopwatch.GetTimestamp();
                Volatile.Write(ref track.SentTimestamp, sent);
                _m.ScheduleLag.RecordTicks(sent - dueTs);
                var r = await api.Intake<TicketIdOnly>("/api/tickets", token, track.Body, abort);
                _m.IntakeResponse.RecordTicks(Stopwatch.GetTimestamp() - sent);
                if (r.Ok)
                {
                    Interlocked.Increment(ref r.Status == 201 ? ref _m.Created : ref _m.CreatedAgain);
                    if (r.Value?.Id is { } id && id != track.Id)
                    {
                        _m.Error("intake:unexpected-id");
                    }
                    track.Outcome = 1;
                }
                else
                {
                    track.Outcome = -1;
                    track.Error = r.ErrorKind;
                    _m.Error(r.ErrorKind ?? "intake:?");
                }
            }
            catch (OperationCanceledException)
            {
                track.Outcome = -1;
                track.Error = "intake:cancelled-at-end";
                _m.Error(track.Error);
            }
            finally
            {
                Interlocked.Decrement(ref _m.InFlightIntake);
                inFlight.Release();
            }
        }

        /// <summary>After the arrivals: wait (at most --drain seconds) until every created ticket was offered and accepted.</summary>
        private async Task DrainAsync(CancellationToken stop)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(o.DrainSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < deadline && !stop.IsCancellationRequested)
            {
                var created = Interlocked.Read(ref _m.Created) + Interlocked.Read(ref _m.CreatedAgain);
                if (Interlocked.Read(ref _m.InFlightIntake) == 0 && Interlocked.Read(ref _m.Accepted) >= created)
                {
                    return;
                }
                try
                {
                    await Task.Delay(250, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        private async Task ProgressAsync(CancellationToken ct)
        {
            var every = TimeSpan.FromSeconds(o.Quiet ? 60 : 5);
            using var timer = new PeriodicTimer(every);
            long lastCreated = 0;
            var last = 0.0;
            try
            {
                while (await timer.WaitForNextTickAsync(ct))
                {
                    var created = Interlocked.Read(ref _m.Created) + Interlocked.Read(ref _m.CreatedAgain);
                    var now = _clock.Elapsed.TotalSeconds;
                    var rate = (created - lastCreated) / Math.Max(0.001, now - last);
                    (lastCreated, last) = (created, now);
                    Say(FormattableString.Invariant(
                        $"[{now,5:0}s] created {rate,7:0.0}/s (total {created}) · offered {_m.Offered} · accepted {_m.Accepted} · resolved {_m.Resolved}") +
                        $" · offer p99 {Ms(_m.IntakeToOffer.PercentileMs(99))} · accepted p99 {Ms(_m.IntakeToAccepted.PercentileMs(99))} · position lag p99 {Ms(_m.PositionLag.PercentileMs(99))}" +
                        $" · in flight {_m.InFlightIntake} · breaches {_m.Breaches} · errors {_m.ErrorCount}");
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private static string Ms(double? ms) => ms is { } v ? v.ToString(v < 10 ? "0.00" : "0", CultureInfo.InvariantCulture) + " ms" : "-";

        private Report Snapshot(double runSeconds, double drainSeconds, TimeSpan cpu, int connected)
        {
            var created = _m.Created + _m.CreatedAgain;
            return new Report(
                DateTimeOffset.UtcNow, Environment.MachineName, Environment.ProcessorCount, RuntimeInformation.OSDescription,
                new Dictionary<string, object>
                {
                    ["target"] = o.Target.ToString(), ["scenario"] = o.Scenario.ToString().ToLowerInvariant(), ["rate"] = o.Rate,
                    ["duration"] = o.Duration, ["engineers"] = o.Engineers, ["positionInterval"] = o.PositionInterval,
                    ["acceptDelayMs"] = o.AcceptDelayMs, ["acceptDelayMaxMs"] = o.AcceptDelayMaxMs, ["declinePercent"] = o.DeclinePercent,
                    ["mix"] = o.Mix.ToString(), ["customers"] = o.Customers, ["maxTickets"] = o.MaxTickets, ["seed"] = o.Seed, ["runId"] = o.RunId,
                    ["httpConnections"] = o.HttpConnections, ["engineerHubConnections"] = connected,
                },
                Math.Round(_arrivalSeconds, 3), Math.Round(drainSeconds, 3),
                new Counts(_m.Scheduled, created, _m.Created, _m.CreatedAgain, _m.Offered, _m.Accepted, _m.Resolved, _m.Declined,
                    _m.RepeatOffers, _m.ForeignOffers, _m.IntakeRetries, _m.Breaches, _m.AlertsSeen, _m.PositionsSent, _m.PositionsAccepted,
                    _m.PositionsIgnored, _m.PositionsFlagged, _m.PositionsSeen, _m.EngineerPushes, _m.MarkersSeen, _m.HubReconnects),
                new Throughput(
                    Math.Round(created / Math.Max(0.001, _arrivalSeconds), 1),
                    Math.Round(_m.Offered / Math.Max(0.001, runSeconds), 1),
                    Math.Round(_m.Accepted / Math.Max(0.001, runSeconds), 1),
                    Math.Round(_m.PositionsSent / Math.Max(0.001, runSeconds), 1)),
                [_m.IntakeToOffer.Summary(), _m.IntakeToAccepted.Summary(), _m.PositionLag.Summary(), _m.IntakeResponse.Summary(), _m.PositionCall.Summary(), _m.ScheduleLag.Summary(), _m.Refusals.Summary()],
                new SortedDictionary<string, long>(_m.Errors), new SortedDictionary<string, long>(_m.AlertKinds),
                Math.Round(cpu.TotalSeconds / Math.Max(0.001, runSeconds) * 100, 1),
                Environment.WorkingSet / (1024 * 1024),
                null, null, null, null, null);
        }

        /// <summary>
        /// Every ticket the run created is read back by id (bounded concurrency): found, or missing. Ids are derived
        /// from the externalId, so one id can be stored only once; that a retry cannot make a second ticket is
        /// checked by re-sending 100 of them with their externalId: the same id must come back with 200.
        /// </summary>
        private async Task<StoreCheck> CheckStoreAsync(Api api, string intake, string dispatcher, CancellationToken abort)
        {
            var watch = Stopwatch.StartNew();
            var created = _order.Where(t => t.Outcome == 1).ToList();
            // Failed intakes are read back too (a timeout may still have created the ticket), up to 2,000 of them.
            var failedAll = _order.Where(t => t.Outcome != 1).ToList();
            var failed = failedAll.Take(2000).ToList();
            Say($"store check: reading {created.Count} created tickets back (and {failed.Count} whose intake failed)");
            long found = 0, missing = 0, unknown = 0, failedButStored = 0;
            var missingIds = new ConcurrentBag<string>();
            // Half of what one caller may have in flight at once (32): the check must not be refused for its own haste.
            await Parallel.ForEachAsync(created.Concat(failed), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = abort }, async (t, ct) =>
            {
                var r = await api.IntakeRead<TicketIdOnly>($"/api/tickets/{t.Id}", dispatcher, ct);
                var ours = t.Outcome == 1;
                if (r.Ok && r.Value?.Id == t.Id)
                {
                    Interlocked.Increment(ref ours ? ref found : ref failedButStored);
                }
                else if (r.Status == 404)
                {
                    if (ours)
                    {
                        Interlocked.Increment(ref missing);
                        missingIds.Add(t.Id);
                    }
                }
                else if (ours)
                {
                    Interlocked.Increment(ref unknown);
                }
            });

            var sample = created.OrderBy(_ => Random.Shared.Next()).Take(100).ToList();
            long sameId = 0, duplicated = 0, sampleErrors = 0;
            await Parallel.ForEachAsync(sample, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = abort }, async (t, ct) =>
            {
                var r = await api.Intake<TicketIdOnly>("/api/tickets", intake, t.Body, ct);
                if (r.Status == 200 && r.Value?.Id == t.Id)
                {
                    Interlocked.Increment(ref sameId);
                }
                else if (r.Ok)
                {
                    Interlocked.Increment(ref duplicated); // 201 (made again) or another id
                }
                else
                {
                    Interlocked.Increment(ref sampleErrors);
                }
            });
            var passed = missing == 0 && unknown == 0 && duplicated == 0 && sampleErrors == 0;
            return new StoreCheck(created.Count, found, missing, unknown, failedAll.Count, failedButStored, sample.Count, sameId, duplicated, sampleErrors,
                passed, [.. missingIds.Take(20)], Math.Round(watch.Elapsed.TotalSeconds, 1));
        }

        private static void Print(Report r)
        {
            Console.WriteLine();
            Console.WriteLine($"== results: {r.Configuration["scenario"]}, {r.ArrivalSeconds:0.0} s of arrivals + {r.DrainSeconds:0.0} s drain, {r.Configuration["engineers"]} engineers ==");
            var c = r.Counts;
            Console.WriteLine($"tickets: scheduled {c.Scheduled}, created {c.Created} ({c.Created201} new + {c.CreatedOnRetry} on a retry), offered {c.Offered}, accepted {c.Accepted}, resolved {c.Resolved}, declined {c.Declined}");
            Console.WriteLine(FormattableString.Invariant($"throughput: created {r.Throughput.CreatedPerSecond:0.0}/s over the arrivals; offered {r.Throughput.OfferedPerSecond:0.0}/s, accepted {r.Throughput.AcceptedPerSecond:0.0}/s, positions {r.Throughput.PositionsPerSecond:0.0}/s over the run"));
            Console.WriteLine($"offers: {c.RepeatOffers} repeat offers (after a decline or expiry), {c.ForeignOffers} for tickets of earlier runs; intake retries (429/503) {c.IntakeRetries}");
            Console.WriteLine($"positions: sent {c.PositionsSent}, accepted {c.PositionsAccepted}, ignored {c.PositionsIgnored}, flagged {c.PositionsFlagged}, seen on the dispatcher connection {c.PositionsSeen} ({c.EngineerPushes} 'engineers' pushes, {c.MarkersSeen} markers)");
            Console.WriteLine($"alerts seen: {c.Alerts} ({string.Join(", ", r.AlertKinds.Select(k => $"{k.Key} {k.Value}"))}); SLA breaches {c.Breaches}; hub reconnects {c.HubReconnects}");
            Console.WriteLine();
            Console.WriteLine($"{"latency (ms)",-58} {"count",8} {"p50",9} {"p90",9} {"p99",9} {"p99.9",9} {"max",9}");
            foreach (var h in r.Latencies)
            {
                static string F(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) : "-";
                Console.WriteLine($"{h.Name,-58} {h.Count,8} {F(h.P50Ms),9} {F(h.P90Ms),9} {F(h.P99Ms),9} {F(h.P999Ms),9} {F(h.MaxMs),9}");
            }
            Console.WriteLine();
            Console.WriteLine(r.Errors.Count == 0 ? "errors: none" : "errors: " + string.Join(", ", r.Errors.Select(e => $"{e.Key} {e.Value}")));
            foreach (var (kind, sample) in r.ErrorSamples ?? [])
            {
                Console.WriteLine($"  {kind}: {sample}");
            }
            Console.WriteLine(FormattableString.Invariant($"load generator: {r.GeneratorCpuPercent:0}% of one core, {r.GeneratorWorkingSetMb} MB"));
            if (r.ServerCpuSeconds is { } server)
            {
                var total = server.Values.Sum();
                Console.WriteLine(FormattableString.Invariant(
                    $"server CPU during the run: {string.Join(", ", server.Select(p => $"{p.Key} {p.Value:0.0} s"))}; {total:0.0} s in all, ") +
                    (r.Counts.Created > 0 ? FormattableString.Invariant($"{total * 1000 / r.Counts.Created:0.00} ms per created ticket") : "no ticket created"));
            }
            if (r.Webhooks is { } w)
            {
                Console.WriteLine();
                Console.WriteLine(FormattableString.Invariant(
                    $"webhooks: {w.Subscriptions} subscription(s), {w.Deliveries} deliveries ({w.DeliveriesPerSecond:0.0}/s from the first to the last), ") +
                    $"{w.Duplicates} repeats dropped, {w.OutOfOrder} out of order, {w.BadSignatures} bad signatures; " +
                    $"ticket.created of {w.CreatedExpected - w.CreatedMissing} of {w.CreatedExpected} created tickets × subscriptions received" +
                    (w.CreatedMissing == 0 && w.OutOfOrder == 0 && w.BadSignatures == 0 ? ": PASS" : ": FAIL"));
                static string F(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) : "-";
                var h = w.EventToDelivery;
                Console.WriteLine($"{h.Name,-58} {h.Count,8} {F(h.P50Ms),9} {F(h.P90Ms),9} {F(h.P99Ms),9} {F(h.P999Ms),9} {F(h.MaxMs),9}");
            }
            if (r.Store is { } s)
            {
                Console.WriteLine();
                Console.WriteLine($"store: {s.Created} tickets created, {s.FoundExactlyOnce} found exactly once, {s.Missing} missing" +
                    (s.Unverified > 0 ? $", {s.Unverified} could not be read" : "") +
                    $"; {s.IntakeFailed} intakes failed ({s.IntakeFailedButStored} of the first {Math.Min(2000, s.IntakeFailed)} read back were stored anyway)");
                Console.WriteLine($"store: re-sent {s.ResentSample} tickets with the same externalId: {s.ResentSameId} answered 200 with the same id, {s.ResentDuplicated} made a new ticket, {s.ResentErrors} failed");
                Console.WriteLine(s.Passed ? "store: PASS, no ticket lost or duplicated" : "store: FAIL");
            }
            if (r.Drill is { } d)
            {
                PrintDrill(d);
            }
        }

        private static void PrintDrill(DrillReport d)
        {
            static string S(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "never";
            Console.WriteLine();
            Console.WriteLine("drill: faults (times in seconds from the start of the arrivals)");
            foreach (var (f, w) in d.Faults.Zip(d.Waits))
            {
                Console.WriteLine(FormattableString.Invariant(
                    $"  {f.Name}: caused at {f.CausedAt:0.0}, command exit {f.CommandExitCode}, healthy again after {S(f.RecoverySeconds)}; ") +
                    $"{w.Waiting} tickets waiting, {w.NotOfferedWithin10s} not offered within {Drill.OfferBound.TotalSeconds:0} s of recovery" +
                    $" (latest first offer {S(w.WorstOfferAfterRecoverySeconds)} after recovery)");
            }
            Console.WriteLine($"drill: created tickets never offered by the end: {d.CreatedNeverOffered}");
            static string Ms(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "-";
            Console.WriteLine($"drill: refusals 429 {d.Refused429}, 503 {d.Refused503}; answer time p50 {Ms(d.RefusalTime.P50Ms)}, p99 {Ms(d.RefusalTime.P99Ms)}, max {Ms(d.RefusalTime.MaxMs)}");
            Console.WriteLine("drill: peak memory (PSS, with children): " +
                string.Join(", ", d.PeakMemoryMb.Select(m => FormattableString.Invariant($"{m.Key} {m.Value:0} MB"))));
        }
    }

    internal sealed record Counts(long Scheduled, long Created, long Created201, long CreatedOnRetry, long Offered, long Accepted, long Resolved, long Declined,
        long RepeatOffers, long ForeignOffers, long IntakeRetries, long Breaches, long Alerts, long PositionsSent, long PositionsAccepted,
        long PositionsIgnored, long PositionsFlagged, long PositionsSeen, long EngineerPushes, long MarkersSeen, long HubReconnects);

    internal sealed record Throughput(double CreatedPerSecond, double OfferedPerSecond, double AcceptedPerSecond, double PositionsPerSecond);

    internal sealed record StoreCheck(long Created, long FoundExactlyOnce, long Missing, long Unverified, long IntakeFailed, long IntakeFailedButStored,
        long ResentSample, long ResentSameId, long ResentDuplicated, long ResentErrors, bool Passed, IReadOnlyList<string> MissingIds, double Seconds);

    internal sealed record Report(DateTimeOffset At, string Machine, int Cores, string Os, Dictionary<string, object> Configuration,
        double ArrivalSeconds, double DrainSeconds, Counts Counts, Throughput Throughput, IReadOnlyList<HistogramSummary> Latencies,
        SortedDictionary<string, long> Errors, SortedDictionary<string, long> AlertKinds, double GeneratorCpuPercent, long GeneratorWorkingSetMb,
        StoreCheck? Store, Dictionary<string, string>? ErrorSamples, DrillReport? Drill, Dictionary<string, double>? ServerCpuSeconds,
        WebhookReport? Webhooks);
}
