using System.Globalization;
using Dispatch.Grains.Common;
using Dispatch.Grains.Dispatching;
using Dispatch.Grains.Tickets;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Dispatch.Grains.Live;

/// <summary>
/// The live board. It holds what the console shows in memory, batches pushes so that traffic does not grow
/// with the number of events (a moving fleet is one message per 250 ms, the heatmap one per second and only
/// its changed cells), and hands them to every subscribed web node. Pushes are hints: the snapshot is what a
/// console reads after it (re)connects.
/// </summary>
/// <remarks>
/// After the loss of its silo the board starts empty and fills again as tickets and engineers report their
/// next change (engineers every few seconds); tickets re-announce themselves when they activate.
/// </remarks>
public sealed class OperationsBoardGrain(RegionCatalog regions, TimeProvider clock, ILogger<OperationsBoardGrain> logger)
    : Grain, IOperationsBoardGrain
{
    private const int AlertsKept = 500;
    private static readonly TimeSpan MoveBatch = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan SummaryPeriod = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ResponseWindow = TimeSpan.FromHours(1);

    private readonly ObserverManager<ILiveFeedObserver> _observers = new(TimeSpan.FromMinutes(1), logger);
    private readonly Dictionary<string, TicketMarker> _tickets = [];
    private readonly Dictionary<string, EngineerMarker> _engineers = [];
    private readonly LinkedList<AlertNote> _alerts = new();
    private readonly Queue<(DateTimeOffset At, double Lat, double Lon, double Seconds)> _accepts = new();
    private readonly HashSet<string> _breachedToday = [];
    private readonly Dictionary<string, HeatCell> _heatSent = [];
    private readonly Dictionary<string, TicketMarker> _pendingTickets = [];
    private readonly Dictionary<string, EngineerMarker> _pendingEngineers = [];
    private readonly List<AlertNote> _pendingAlerts = [];
    private (DateOnly Day, int Met, int Breached) _compliance;
    private Kpis? _kpisSent;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(FlushMoves, new GrainTimerCreationOptions { DueTime = MoveBatch, Period = MoveBatch, Interleave = false, KeepAlive = true });
        this.RegisterGrainTimer(FlushSummary, new GrainTimerCreationOptions { DueTime = SummaryPeriod, Period = SummaryPeriod, Interleave = false, KeepAlive = true });
        return Task.CompletedTask;
    }

    public Task TicketChanged(TicketMarker ticket)
    {
        if (_tickets.TryGetValue(ticket.Id, out var known) && known.ChangedAt > ticket.ChangedAt)
        {
            return Task.CompletedTask; // a late report of an older state
        }
        if (ticket.Open)
        {
            _tickets[ticket.Id] = ticket;
        }
        else
        {
            _tickets.Remove(ticket.Id);
        }
        _pendingTickets[ticket.Id] = ticket;
        return Task.CompletedTask;
    }

    public Task EngineerChanged(EngineerMarker engineer)
    {
        _engineers[engineer.Id] = engineer;
        _pendingEngineers[engineer.Id] = engineer;
        return Task.CompletedTask;
    }

    public Task EngineersChanged(IReadOnlyList<EngineerMarker> engineers)
    {
        foreach (var engineer in engineers)
        {
            _engineers[engineer.Id] = engineer;
            _pendingEngineers[engineer.Id] = engineer;
        }
        return Task.CompletedTask;
    }

    public Task Raise(AlertNote alert)
    {
        if (_alerts.Any(a => a.Id == alert.Id))
        {
            return Task.CompletedTask;
        }
        _alerts.AddFirst(alert);
        while (_alerts.Count > AlertsKept)
        {
            _alerts.RemoveLast();
        }
        if (alert.Kind == "breach" && alert.TicketId is not null && alert.At.UtcDateTime.Date == clock.GetUtcNow().UtcDateTime.Date)
        {
            _breachedToday.Add(alert.TicketId);
        }
        // Alerts are pushed at once, not batched: an operator should see a breach within a second.
        return _observers.Notify(o => o.OnAlerts([alert]));
    }

    public Task OfferAccepted(string ticketId, double lat, double lon, TimeSpan timeToAccept, DateTimeOffset at)
    {
        _accepts.Enqueue((at, lat, lon, timeToAccept.TotalSeconds));
        return Task.CompletedTask;
    }

    public Task TicketResolved(string ticketId, bool slaBreached, DateTimeOffset at)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (_compliance.Day != today)
        {
            _compliance = (today, 0, 0);
        }
        _compliance = slaBreached ? _compliance with { Breached = _compliance.Breached + 1 } : _compliance with { Met = _compliance.Met + 1 };
        return Task.CompletedTask;
    }

    public Task OfferMade(OfferPush offer) => _observers.Notify(o => o.OnOffer(offer));

    public Task EngineerWorkChanged(string engineerId, string reason) => _observers.Notify(o => o.OnWork(engineerId, reason));

    public Task<BoardSnapshot> Snapshot(IReadOnlyList<string> regions)
    {
        var watched = regions.Count == 0 ? null : regions.ToHashSet(StringComparer.Ordinal);
        return Task.FromResult(new BoardSnapshot(
            [.. _tickets.Values.Where(t => watched is null || (t.Region is not null && watched.Contains(t.Region)))],
            [.. _engineers.Values.Where(e => watched is null || (e.Region is not null && watched.Contains(e.Region)))],
            [.. _alerts.Where(a => watched is null || a.Region is null || watched.Contains(a.Region)).Take(200)],
            [.. Heat().Values],
            ComputeKpis()));
    }

    public async Task<AlertNote?> Acknowledge(string alertId, Actor by)
    {
        var node = _alerts.First;
        while (node is not null && node.Value.Id != alertId)
        {
            node = node.Next;
        }
        if (node is null)
        {
            return null;
        }
        if (!node.Value.Acknowledged)
        {
            if (node.Value.TicketId is { } ticketId)
            {
                await GrainFactory.GetGrain<ITicketGrain>(ticketId).AcknowledgeAlert(alertId, by);
            }
            node.Value = node.Value with { Acknowledged = true, AcknowledgedBy = by.Name };
            var acknowledged = node.Value;
            await _observers.Notify(o => o.OnAlerts([acknowledged]));
        }
        return node.Value;
    }

    public Task<string> RegionsGeoJson() => Task.FromResult(regions.GeoJson);

    public Task Subscribe(ILiveFeedObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(ILiveFeedObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private async Task FlushMoves(CancellationToken cancellationToken)
    {
        if (_pendingTickets.Count > 0)
        {
            var tickets = _pendingTickets.Values.ToList();
            _pendingTickets.Clear();
            await _observers.Notify(o => o.OnTickets(tickets));
        }
        if (_pendingEngineers.Count > 0)
        {
            var engineers = _pendingEngineers.Values.ToList();
            _pendingEngineers.Clear();
            await _observers.Notify(o => o.OnEngineers(engineers));
        }
    }

    private async Task FlushSummary(CancellationToken cancellationToken)
    {
        var heat = Heat();
        var changed = new List<HeatCell>();
        foreach (var (key, cell) in heat)
        {
            if (!_heatSent.TryGetValue(key, out var sent) || Math.Abs(sent.Value - cell.Value) > 1e-9)
            {
                changed.Add(cell);
            }
        }
        foreach (var (key, sent) in _heatSent.Where(s => !heat.ContainsKey(s.Key)).ToList())
        {
            changed.Add(sent with { Value = 0 });
            _heatSent.Remove(key);
        }
        foreach (var cell in changed.Where(c => c.Value > 0))
        {
            _heatSent[$"{cell.Layer}:{cell.Cell}"] = cell;
        }
        if (changed.Count > 0)
        {
            await _observers.Notify(o => o.OnHeat(changed));
        }
        var kpis = ComputeKpis();
        if (_kpisSent is null || kpis with { At = _kpisSent.At } != _kpisSent)
        {
            _kpisSent = kpis;
            await _observers.Notify(o => o.OnKpis(kpis));
        }
    }

    /// <summary>
    /// The heatmap on a grid of 0.01° cells (about 1 km): demand counts open tickets, risk sums how close each
    /// is to breach (0-1), response is the mean time to accept in the last hour, in minutes.
    /// </summary>
    private Dictionary<string, HeatCell> Heat()
    {
        var now = clock.GetUtcNow();
        while (_accepts.Count > 0 && now - _accepts.Peek().At > ResponseWindow)
        {
            _accepts.Dequeue();
        }
        var cells = new Dictionary<string, HeatCell>();
        foreach (var ticket in _tickets.Values)
        {
            Add(cells, "demand", ticket.Lat, ticket.Lon, 1);
            if (ticket.Risk > 0)
            {
                Add(cells, "risk", ticket.Lat, ticket.Lon, ticket.Risk);
            }
        }
        foreach (var group in _accepts.GroupBy(a => CellOf(a.Lat, a.Lon)))
        {
            var (lat, lon) = CentreOf(group.Key);
            cells[$"response:{group.Key}"] = new HeatCell("response", group.Key, lat, lon, Math.Round(group.Average(a => a.Seconds) / 60, 2));
        }
        return cells;
    }

    private static void Add(Dictionary<string, HeatCell> cells, string layer, double lat, double lon, double value)
    {
        var cell = CellOf(lat, lon);
        var key = $"{layer}:{cell}";
        var (centreLat, centreLon) = CentreOf(cell);
        cells[key] = cells.TryGetValue(key, out var existing) ? existing with { Value = existing.Value + value } : new HeatCell(layer, cell, centreLat, centreLon, value);
    }

    private static string CellOf(double lat, double lon) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Floor(lat * 100)}:{(int)Math.Floor(lon * 100)}");

    private static (double Lat, double Lon) CentreOf(string cell)
    {
        var parts = cell.Split(':');
        return ((int.Parse(parts[0], CultureInfo.InvariantCulture) + 0.5) / 100, (int.Parse(parts[1], CultureInfo.InvariantCulture) + 0.5) / 100);
    }

    private Kpis ComputeKpis()
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (_compliance.Day != today)
        {
            _compliance = (today, 0, 0);
            _breachedToday.Clear();
        }
        var resolved = _compliance.Met + _compliance.Breached;
        return new Kpis(
            _tickets.Count,
            _tickets.Values.Count(t => t.EngineerId is null && t.Status is "New" or "Triaged" or "Dispatching"),
            _tickets.Values.Count(t => t.SlaState == "warning"),
            _breachedToday.Count,
            _accepts.Count == 0 ? null : Math.Round(_accepts.Average(a => a.Seconds), 1),
            resolved == 0 ? null : Math.Round((double)_compliance.Met / resolved, 4),
            now);
    }
}
