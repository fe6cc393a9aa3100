using Dispatch.Domain.Tickets;
using Dispatch.Grains.Common;
using Dispatch.Grains.Notifications;
using Dispatch.Grains.Storage;
using Dispatch.Grains.Tickets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Dispatch.Grains.Live;

/// <summary>
/// One region's part of the live board. Markers are batched (a moving fleet is one push per 250 ms), alerts
/// pushed at once, both through this silo's <see cref="LiveRelay"/>; the summary reads the tallies.
/// </summary>
/// <remarks>
/// Durable, so that the board is whole again when it is activated after the loss of its silo (the summary
/// reads every region board each second, which brings a lost one back within a second): the alert feed and
/// today's tallies are stored at the next batch tick after they change, markers every
/// <see cref="LiveOptions.MarkerSaveEvery"/> while they move. Writes are coalesced, never one per report.
/// </remarks>
public sealed class RegionBoardGrain(
    [PersistentState("live-board-facts", StorageNames.Dispatch)] IPersistentState<RegionBoardFacts> facts,
    [PersistentState("live-board-markers", StorageNames.Dispatch)] IPersistentState<RegionBoardMarkers> markers,
    ServiceDay serviceDay,
    LiveRelay relay,
    IOptions<LiveOptions> options,
    TimeProvider clock,
    ILogger<RegionBoardGrain> logger) : Grain, IRegionBoardGrain
{
    private const int AlertsKept = 500;
    private const int AlertsShown = 200;
    private const int AcceptsKept = 5_000;
    private static readonly TimeSpan MoveBatch = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ResponseWindow = TimeSpan.FromHours(1);

    private readonly Dictionary<string, TicketMarker> _pendingTickets = [];
    private readonly Dictionary<string, EngineerMarker> _pendingEngineers = [];
    private bool _factsChanged;
    private bool _markersChanged;
    private DateTimeOffset _markersSavedAt;

    private RegionBoardFacts F => facts.State;

    private RegionBoardMarkers M => markers.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _markersSavedAt = clock.GetUtcNow();
        this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions { DueTime = MoveBatch, Period = MoveBatch, Interleave = false, KeepAlive = true });
        return Task.CompletedTask;
    }

    public Task Record(BoardChanges changes)
    {
        foreach (var ticket in changes.Tickets)
        {
            TicketChanged(ticket);
        }
        foreach (var engineer in changes.Engineers)
        {
            M.Engineers[engineer.Id] = engineer;
            _pendingEngineers[engineer.Id] = engineer;
            _markersChanged = true;
        }
        foreach (var id in changes.EngineersLeft)
        {
            _markersChanged |= M.Engineers.Remove(id);
        }
        foreach (var accept in changes.Accepts)
        {
            F.Accepts.Add(new AcceptSample(accept.At, HeatGrid.CellOf(accept.Lat, accept.Lon), accept.TimeToAccept.TotalSeconds));
            _factsChanged = true;
        }
        if (changes.Accepts.Count > 0)
        {
            DropOldAccepts();
        }
        foreach (var resolution in changes.Resolutions.Where(r => IsToday(r.At)))
        {
            F.ResolvedToday++;
            F.MetToday += resolution.SlaBreached ? 0 : 1;
            _factsChanged = true;
        }
        return Task.CompletedTask;
    }

    private void TicketChanged(TicketMarker ticket)
    {
        if (M.Tickets.TryGetValue(ticket.Id, out var known) && known.ChangedAt > ticket.ChangedAt)
        {
            return; // a late report of an older state
        }
        if (ticket.Open)
        {
            M.Tickets[ticket.Id] = ticket;
        }
        else
        {
            M.Tickets.Remove(ticket.Id);
        }
        _pendingTickets[ticket.Id] = ticket;
        _markersChanged = true;
    }

    public Task Raise(AlertNote alert)
    {
        var index = F.Alerts.FindIndex(a => a.Id == alert.Id);
        if (index >= 0)
        {
            var known = F.Alerts[index];
            if (known.Level > alert.Level || (known.Level == alert.Level && known.Kind == alert.Kind && known.Message == alert.Message))
            {
                return Task.CompletedTask; // a late or repeated report
            }
            // The same alert moved on: its one card carries the new level, open again if the level rose.
            F.Alerts.RemoveAt(index);
            if (known.Level == alert.Level && known.Acknowledged)
            {
                alert = alert with { Acknowledged = true, AcknowledgedBy = known.AcknowledgedBy };
            }
        }
        F.Alerts.Insert(0, alert);
        if (F.Alerts.Count > AlertsKept)
        {
            F.Alerts.RemoveRange(AlertsKept, F.Alerts.Count - AlertsKept);
        }
        if (alert.Kind == "breach" && alert.TicketId is not null && IsToday(alert.At))
        {
            F.BreachedToday.Add(alert.TicketId);
        }
        _factsChanged = true;
        // Alerts are pushed at once, not batched: an operator should see a breach within a second.
        return relay.Alerts([alert]);
    }

    public Task AlertAcknowledged(string alertId, Actor by)
    {
        var index = F.Alerts.FindIndex(a => a.Id == alertId);
        if (index < 0 || F.Alerts[index].Acknowledged)
        {
            return Task.CompletedTask;
        }
        var alert = F.Alerts[index] = F.Alerts[index] with { Acknowledged = true, AcknowledgedBy = by.Name };
        _factsChanged = true;
        return relay.Alerts([alert]);
    }

    public Task<RegionBoardView> View() =>
        Task.FromResult(new RegionBoardView([.. M.Tickets.Values], [.. M.Engineers.Values], [.. F.Alerts.Take(AlertsShown)]));

    public Task<RegionTally> Tally()
    {
        RollDay();
        DropOldAccepts();
        var heat = new Dictionary<string, HeatCell>();
        foreach (var ticket in M.Tickets.Values)
        {
            Add(heat, "demand", ticket.Lat, ticket.Lon, 1);
            if (ticket.Risk > 0)
            {
                Add(heat, "risk", ticket.Lat, ticket.Lon, ticket.Risk);
            }
        }
        var responses = F.Accepts.GroupBy(a => a.Cell).Select(g => new ResponseTally(g.Key, g.Count(), g.Sum(a => a.Seconds))).ToList();
        return Task.FromResult(new RegionTally(
            M.Tickets.Count,
            M.Tickets.Values.Count(t => t.EngineerId is null && t.Status is TicketStatus.New or TicketStatus.Triaged or TicketStatus.Dispatching),
            M.Tickets.Values.Count(t => t.SlaState == "warning"),
            F.BreachedToday.Count,
            F.Accepts.Sum(a => a.Seconds),
            F.Accepts.Count,
            F.MetToday,
            F.ResolvedToday,
            [.. heat.Values],
            responses));
    }

    public async Task<AlertNote?> Acknowledge(string alertId, Actor by)
    {
        var index = F.Alerts.FindIndex(a => a.Id == alertId);
        if (index < 0)
        {
            return null;
        }
        var alert = F.Alerts[index];
        if (!alert.Acknowledged)
        {
            // The alert's chain stops and the ticket records who acknowledged; an alert raised before chains
            // existed has none, and its ticket records it directly.
            if (!await GrainFactory.GetGrain<IAlertGrain>(alertId).Acknowledge(by) && alert.TicketId is { } ticketId)
            {
                await GrainFactory.GetGrain<ITicketGrain>(ticketId).AcknowledgeAlert(alertId, by);
            }
            alert = F.Alerts[index] = alert with { Acknowledged = true, AcknowledgedBy = by.Name };
            // An operator's act is stored before it is confirmed.
            await facts.WriteStateAsync();
            await relay.Alerts([alert]);
        }
        return alert;
    }

    private async Task Tick(CancellationToken cancellationToken)
    {
        if (_pendingTickets.Count > 0)
        {
            var tickets = _pendingTickets.Values.ToList();
            _pendingTickets.Clear();
            await relay.Tickets(tickets);
        }
        if (_pendingEngineers.Count > 0)
        {
            var engineers = _pendingEngineers.Values.ToList();
            _pendingEngineers.Clear();
            await relay.Engineers(engineers);
        }
        await Save();
    }

    /// <summary>Stores what changed since the last tick; a failed write is tried again at the next.</summary>
    private async Task Save()
    {
        var now = clock.GetUtcNow();
        try
        {
            if (_factsChanged)
            {
                _factsChanged = false;
                await facts.WriteStateAsync();
            }
            if (_markersChanged && now - _markersSavedAt >= options.Value.MarkerSaveEvery)
            {
                _markersChanged = false;
                _markersSavedAt = now;
                await markers.WriteStateAsync();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            (_factsChanged, _markersChanged) = (true, true);
            logger.LogWarning(ex, "The live board of region {Region} could not be stored; trying again", this.GetPrimaryKeyString());
            if (ex is InconsistentStateException)
            {
                // Another activation wrote after this one read: it holds the newer board.
                DeactivateOnIdle();
            }
        }
    }

    /// <summary>Whether the instant falls on the service's today.</summary>
    private bool IsToday(DateTimeOffset at) => serviceDay.Of(at) == RollDay();

    /// <summary>The service's today; a new day starts today's tallies afresh.</summary>
    private DateOnly RollDay()
    {
        var today = serviceDay.Of(clock.GetUtcNow());
        if (F.Day != today)
        {
            (F.Day, F.MetToday, F.ResolvedToday) = (today, 0, 0);
            F.BreachedToday.Clear();
            _factsChanged = true;
        }
        return today;
    }

    private void DropOldAccepts()
    {
        var since = clock.GetUtcNow() - ResponseWindow;
        var old = F.Accepts.FindIndex(a => a.At >= since);
        var drop = Math.Max(old < 0 ? F.Accepts.Count : old, F.Accepts.Count - AcceptsKept);
        if (drop > 0)
        {
            F.Accepts.RemoveRange(0, drop);
            _factsChanged = true;
        }
    }

    private static void Add(Dictionary<string, HeatCell> cells, string layer, double lat, double lon, double value)
    {
        var cell = HeatGrid.CellOf(lat, lon);
        var key = $"{layer}:{cell}";
        if (cells.TryGetValue(key, out var existing))
        {
            cells[key] = existing with { Value = existing.Value + value };
        }
        else
        {
            var (centreLat, centreLon) = HeatGrid.CentreOf(cell);
            cells[key] = new HeatCell(layer, cell, centreLat, centreLon, value);
        }
    }

}
