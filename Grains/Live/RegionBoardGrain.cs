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
/// today's tallies are stored at the next batch tick after they change, the markers that changed (one entry each,
/// <see cref="IBoardMarkerStore"/>) and the accepted offers every <see cref="LiveOptions.MarkerSaveEvery"/>.
/// Writes are coalesced, never one per report.
/// </remarks>
public sealed class RegionBoardGrain(
    [PersistentState("live-board-facts", StorageNames.Dispatch)] IPersistentState<RegionBoardFacts> facts,
    // Where the markers were kept before they had a store of their own: read once, moved to the store, cleared.
    [PersistentState("live-board-markers", StorageNames.Dispatch)] IPersistentState<RegionBoardMarkers> markersOfOld,
    IBoardMarkerStore markerStore,
    ServiceDay serviceDay,
    LiveRelay relay,
    IOptions<LiveOptions> options,
    TimeProvider clock,
    ILogger<RegionBoardGrain> logger) : Grain, IRegionBoardGrain
{
    private const int AlertsKept = 500;
    private const int AlertsShown = 200;
    private static readonly TimeSpan MoveBatch = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<string, TicketMarker> _pendingTickets = [];
    private readonly Dictionary<string, EngineerMarker> _pendingEngineers = [];
    // The markers changed (or gone) since they were last stored.
    private readonly HashSet<string> _unsavedTickets = [];
    private readonly HashSet<string> _unsavedEngineers = [];
    private bool _factsChanged;
    // Accepted offers change with every ticket a busy region dispatches: like markers, they alone make a write only
    // every MarkerSaveEvery.
    private bool _acceptsChanged;
    private DateTimeOffset _acceptsSavedAt;
    private bool _oldMarkersToClear;
    private DateTimeOffset _markersSavedAt;
    private RegionBoardMarkers _markers = new();

    private RegionBoardFacts F => facts.State;

    private RegionBoardMarkers M => _markers;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _markers = await markerStore.LoadAsync(this.GetPrimaryKeyString(), cancellationToken);
        if (markersOfOld.RecordExists)
        {
            MoveOldMarkers(markersOfOld.State);
        }
        _acceptsChanged = AcceptsOfTheHour.TakeEarlierSamples(F);
        _markersSavedAt = _acceptsSavedAt = clock.GetUtcNow();
        this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions { DueTime = MoveBatch, Period = MoveBatch, Interleave = false, KeepAlive = true });
    }

    /// <summary>
    /// Takes the markers a release before the marker store kept in the grain state (a silo of that release may
    /// have written them since), the newer of two reports of a ticket or engineer winning; the next save stores them.
    /// </summary>
    private void MoveOldMarkers(RegionBoardMarkers old)
    {
        foreach (var ticket in old.Tickets.Values)
        {
            if (!M.Tickets.TryGetValue(ticket.Id, out var known) || known.ChangedAt < ticket.ChangedAt)
            {
                M.Tickets[ticket.Id] = ticket;
                _unsavedTickets.Add(ticket.Id);
            }
        }
        foreach (var engineer in old.Engineers.Values)
        {
            if (!M.Engineers.TryGetValue(engineer.Id, out var known) || known.PositionAt < engineer.PositionAt)
            {
                M.Engineers[engineer.Id] = engineer;
                _unsavedEngineers.Add(engineer.Id);
            }
        }
        _oldMarkersToClear = true;
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
            _unsavedEngineers.Add(engineer.Id);
        }
        foreach (var id in changes.EngineersLeft)
        {
            if (M.Engineers.Remove(id))
            {
                _unsavedEngineers.Add(id);
            }
        }
        foreach (var accept in changes.Accepts)
        {
            AcceptsOfTheHour.Add(F.AcceptSlots, accept.At, HeatGrid.CellOf(accept.Lat, accept.Lon), accept.TimeToAccept.TotalSeconds);
            _acceptsChanged = true;
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
            _unsavedTickets.Add(ticket.Id);
        }
        else if (M.Tickets.Remove(ticket.Id))
        {
            _unsavedTickets.Add(ticket.Id);
        }
        _pendingTickets[ticket.Id] = ticket;
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
        return Task.FromResult(new RegionTally(
            M.Tickets.Count,
            M.Tickets.Values.Count(t => t.EngineerId is null && TicketLifecycle.AwaitsEngineer(t.Status)),
            M.Tickets.Values.Count(t => t.SlaState == "warning"),
            F.BreachedToday.Count,
            F.AcceptSlots.Sum(s => s.Seconds),
            F.AcceptSlots.Sum(s => s.Count),
            F.MetToday,
            F.ResolvedToday,
            [.. heat.Values],
            AcceptsOfTheHour.ByCell(F.AcceptSlots)));
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
            if (!await GrainFactory.Grain<IAlertGrain>(alertId).Acknowledge(by) && alert.TicketId is { } ticketId)
            {
                await GrainFactory.Grain<ITicketGrain>(ticketId).AcknowledgeAlert(alertId, by);
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
            if (_factsChanged || (_acceptsChanged && now - _acceptsSavedAt >= options.Value.MarkerSaveEvery))
            {
                (_factsChanged, _acceptsChanged, _acceptsSavedAt) = (false, false, now);
                await facts.WriteStateAsync();
            }
            if ((_unsavedTickets.Count > 0 || _unsavedEngineers.Count > 0) && now - _markersSavedAt >= options.Value.MarkerSaveEvery)
            {
                _markersSavedAt = now;
                await markerStore.SaveAsync(this.GetPrimaryKeyString(), UnsavedMarkers());
                // Only once the write is done: a failed one leaves them to be tried again at the next tick.
                _unsavedTickets.Clear();
                _unsavedEngineers.Clear();
                if (_oldMarkersToClear)
                {
                    await markersOfOld.ClearStateAsync();
                    _oldMarkersToClear = false;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _factsChanged = true;
            logger.LogWarning(ex, "The live board of region {Region} could not be stored; trying again", this.GetPrimaryKeyString());
            if (ex is InconsistentStateException)
            {
                // Another activation wrote after this one read: it holds the newer board.
                DeactivateOnIdle();
            }
        }
    }

    private MarkerChanges UnsavedMarkers()
    {
        var tickets = new List<TicketMarker>(_unsavedTickets.Count);
        var ticketsGone = new List<string>();
        foreach (var id in _unsavedTickets)
        {
            if (M.Tickets.TryGetValue(id, out var ticket))
            {
                tickets.Add(ticket);
            }
            else
            {
                ticketsGone.Add(id);
            }
        }
        var engineers = new List<EngineerMarker>(_unsavedEngineers.Count);
        var engineersGone = new List<string>();
        foreach (var id in _unsavedEngineers)
        {
            if (M.Engineers.TryGetValue(id, out var engineer))
            {
                engineers.Add(engineer);
            }
            else
            {
                engineersGone.Add(id);
            }
        }
        return new MarkerChanges(tickets, engineers, ticketsGone, engineersGone);
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
        if (AcceptsOfTheHour.DropOld(F.AcceptSlots, clock.GetUtcNow()))
        {
            _acceptsChanged = true;
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
