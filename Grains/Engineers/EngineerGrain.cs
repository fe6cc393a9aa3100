using Dispatch.Domain.Devices;
using Dispatch.Domain.Geo;
using Dispatch.Grains.Common;
using Dispatch.Grains.Devices;
using Dispatch.Grains.Dispatching;
using Dispatch.Grains.Live;
using Dispatch.Grains.Sla;
using Dispatch.Grains.Storage;
using Dispatch.Grains.Tickets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Dispatch.Grains.Engineers;

/// <summary>
/// One engineer. Dispatch regions propose; this grain decides, one call at a time, whether the engineer
/// can hold an offer (present, on shift, with a trusted position, under capacity, no other offer pending),
/// so no two dispatches can book the same engineer beyond capacity. Field actions go through here so that
/// only the engineer who holds a job can move it on.
/// </summary>
public sealed class EngineerGrain(
    [PersistentState("engineer", StorageNames.Dispatch)] IPersistentState<EngineerState> state,
    IOptions<DispatchOptions> options,
    IOptions<DeviceTimeOptions> deviceTime,
    RegionCatalog regions,
    SlaBookCache slaBook,
    TimeProvider clock,
    ILogger<EngineerGrain> logger) : Grain, IEngineerGrain
{
    // Positions arrive every few seconds; storing each would cost a database write per report. The last
    // trusted position is stored at most this often, and with every other change.
    private static readonly TimeSpan PositionPersistInterval = TimeSpan.FromSeconds(60);

    private DateTimeOffset _positionStoredAt;

    private EngineerState E => state.State;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(WatchPresence,
            new GrainTimerCreationOptions { DueTime = TimeSpan.FromMinutes(1), Period = TimeSpan.FromMinutes(1), Interleave = false, KeepAlive = false });
        return Task.CompletedTask;
    }

    public async Task<FieldReply> Register(EngineerProfile profile, Actor by)
    {
        E.Profile = profile;
        await state.WriteStateAsync();
        logger.LogInformation("Engineer {EngineerId} registered by {Actor}", Id, by.Name);
        await Publish();
        return new FieldReply(View(), null);
    }

    public Task<EngineerView?> GetView() => Task.FromResult(E.Profile is null ? null : View());

    public async Task<FieldReply> SetPresence(EngineerStatus presence, Actor by)
    {
        if (E.Profile is null)
        {
            return FieldReply.Refused(RefusalKind.NotFound, "no such engineer");
        }
        if (presence is not (EngineerStatus.Available or EngineerStatus.OnBreak or EngineerStatus.Offline))
        {
            return FieldReply.Refused(RefusalKind.Invalid, "an engineer sets Available, OnBreak or Offline; the rest follows their work", "status");
        }
        E.Presence = presence;
        await state.WriteStateAsync();
        if (presence == EngineerStatus.Offline)
        {
            await GiveBackUnstartedWork(by, "engineer went offline");
        }
        await Publish();
        return new FieldReply(View(), null);
    }

    public async Task<PositionReply> ReportPosition(PositionReport report)
    {
        if (E.Profile is null)
        {
            return new PositionReply(PositionOutcome.Ignored, "no such engineer");
        }
        var now = clock.GetUtcNow();
        var last = E.LastReport;
        // A report that arrives after a newer one is stale, not late: it must not move the engineer back.
        var judged = deviceTime.Value.Rule.Judge(report.At, now, last?.At);
        // A believed device time is kept as the device said it (even a moment ahead of the server), so that the
        // order of a phone's reports is judged by the phone's own clock.
        var at = judged.IsDevices ? report.At : judged.At;
        if (last is not null && (judged.Verdict == DeviceTimeVerdict.BeforePreviousEvent || at <= last.At))
        {
            return new PositionReply(PositionOutcome.Ignored, $"not newer than the last report ({last.At:O})");
        }
        var trusted = E.Position;
        var flagged = false;
        if (trusted is not null)
        {
            var meters = GreatCircle.DistanceMeters(new Position(trusted.Lat, trusted.Lon), new Position(report.Lat, report.Lon));
            var hours = (at - trusted.At).TotalHours;
            var kmh = hours > 0 ? meters / 1000 / hours : double.PositiveInfinity;
            flagged = meters > 50 && kmh > options.Value.MaxSpeedKmh;
        }
        var stored = new StoredPosition(report.Lat, report.Lon, at, report.AccuracyMeters, flagged);
        E.LastReport = stored;
        if (flagged)
        {
            logger.LogWarning("Engineer {EngineerId}: position jump faster than {Speed} km/h flagged", Id, options.Value.MaxSpeedKmh);
            await state.WriteStateAsync();
            return new PositionReply(PositionOutcome.Flagged, $"implies more than {options.Value.MaxSpeedKmh} km/h since the last trusted position");
        }
        E.Position = stored;
        var region = regions.Locate(new GeoPoint(report.Lat, report.Lon))?.Id;
        var regionChanged = region != E.Region;
        if (regionChanged && E.Region is not null)
        {
            await GrainFactory.GetGrain<IRegionDispatcherGrain>(E.Region).RemoveEngineer(Id);
        }
        E.Region = region;
        if (regionChanged || now - _positionStoredAt >= PositionPersistInterval)
        {
            await state.WriteStateAsync();
            _positionStoredAt = now;
        }
        await Publish();
        return new PositionReply(PositionOutcome.Accepted, null);
    }

    public async Task<EngineerSnapshot?> Snapshot() => E.Profile is null || E.Position is null ? null : await SnapshotAsync();

    public async Task<bool> TryReserve(OfferRequest offer)
    {
        if (E.Offer?.TicketId == offer.TicketId)
        {
            return true;
        }
        if (!await AvailableForDispatch())
        {
            return false;
        }
        E.Offer = new HeldOffer(offer.TicketId, clock.GetUtcNow(), offer.ExpiresAt, offer.DistanceMeters, offer.Eta);
        await state.WriteStateAsync();
        await Publish();
        return true;
    }

    public async Task ReleaseOffer(string ticketId, string why)
    {
        if (E.Offer?.TicketId != ticketId)
        {
            return;
        }
        E.Offer = null;
        await state.WriteStateAsync();
        await Publish();
        await WorkChanged(why);
    }

    public async Task ReleaseJob(string ticketId, string why)
    {
        var held = E.Jobs.Remove(ticketId);
        if (E.Offer?.TicketId == ticketId)
        {
            E.Offer = null;
            held = true;
        }
        if (held)
        {
            await state.WriteStateAsync();
            await Publish();
            await WorkChanged(why);
        }
    }

    public async Task CompleteJob(string ticketId)
    {
        if (!E.Jobs.Remove(ticketId))
        {
            return;
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        (E.DoneOn, E.DoneCount) = E.DoneOn == today ? (today, E.DoneCount + 1) : (today, 1);
        await state.WriteStateAsync();
        await Publish();
        await WorkChanged("job done");
    }

    public async Task<FieldReply> Accept(string ticketId, Actor by, DateTimeOffset? at)
    {
        if (E.Jobs.ContainsKey(ticketId))
        {
            return new FieldReply(View(), null); // accepted already: a retried tap
        }
        if (E.Offer?.TicketId != ticketId)
        {
            return FieldReply.Refused(RefusalKind.Forbidden, $"ticket '{ticketId}' is not offered to engineer '{Id}'");
        }
        var reply = await Ticket(ticketId).AcceptOffer(Id, by, at);
        if (reply.Refusal is { } refusal)
        {
            // The ticket moved on (expired, cancelled, reassigned): the offer is gone either way.
            E.Offer = null;
            await state.WriteStateAsync();
            await Publish();
            return new FieldReply(null, refusal);
        }
        E.Offer = null;
        E.Jobs[ticketId] = JobStage.Accepted;
        await state.WriteStateAsync();
        await Publish();
        await WorkChanged("accepted");
        return new FieldReply(View(), null, reply.Ticket);
    }

    public async Task<FieldReply> Decline(string ticketId, Actor by, string? reason)
    {
        if (E.Offer?.TicketId != ticketId)
        {
            return FieldReply.Refused(RefusalKind.Forbidden, $"ticket '{ticketId}' is not offered to engineer '{Id}'");
        }
        E.Offer = null;
        await state.WriteStateAsync();
        await Publish();
        var reply = await Ticket(ticketId).LapseOffer(Id, by, reason is null ? "declined" : $"declined: {reason}");
        return new FieldReply(View(), null, reply.Ticket);
    }

    public Task<FieldReply> ReportEnRoute(string ticketId, Actor by, DateTimeOffset? at) =>
        Advance(ticketId, JobStage.EnRoute, t => t.ReportEnRoute(Id, by, at));

    public Task<FieldReply> ReportArrival(string ticketId, Actor by, DateTimeOffset? at) =>
        Advance(ticketId, JobStage.OnSite, t => t.ReportArrival(Id, by, at));

    public Task<FieldReply> ReportResolved(string ticketId, Actor by, string? notes, IReadOnlyList<string> partsUsed, DateTimeOffset? at) =>
        ReportResolvedWithReport(ticketId, by, new ServiceReportInput([], null, notes, partsUsed, [], null), at);

    public async Task<FieldReply> ReportResolvedWithReport(string ticketId, Actor by, ServiceReportInput report, DateTimeOffset? at)
    {
        var reply = await Advance(ticketId, null, t => t.ResolveWithReport(by, report, at));
        if (reply.Refusal is null)
        {
            await CompleteJob(ticketId);
            return reply with { Engineer = View() };
        }
        return reply;
    }

    public Task<FieldReply> ReportWaitingForParts(string ticketId, Actor by, string? note) =>
        Advance(ticketId, JobStage.WaitingForParts, t => t.Wait(by, "waitingForParts"));

    /// <summary>A field action on one of this engineer's jobs: only the engineer who holds the job may do it.</summary>
    private async Task<FieldReply> Advance(string ticketId, JobStage? to, Func<ITicketGrain, Task<TicketReply>> action)
    {
        if (!E.Jobs.ContainsKey(ticketId))
        {
            return FieldReply.Refused(RefusalKind.Forbidden, $"ticket '{ticketId}' is not a job of engineer '{Id}'");
        }
        var reply = await action(Ticket(ticketId));
        if (reply.Refusal is { } refusal)
        {
            return new FieldReply(null, refusal);
        }
        if (to is { } stage)
        {
            E.Jobs[ticketId] = stage;
            await state.WriteStateAsync();
            await Publish();
        }
        return new FieldReply(View(), null, reply.Ticket);
    }

    /// <summary>Offers and accepted jobs not yet started go back to dispatch; work under way stays.</summary>
    private async Task GiveBackUnstartedWork(Actor by, string why)
    {
        if (E.Offer is { } offer)
        {
            E.Offer = null;
            await Ticket(offer.TicketId).LapseOffer(Id, by, why);
        }
        foreach (var (ticketId, _) in E.Jobs.Where(j => j.Value == JobStage.Accepted).ToList())
        {
            E.Jobs.Remove(ticketId);
            await Ticket(ticketId).ReleaseAssignment(Id, by, why);
        }
        await state.WriteStateAsync();
    }

    private async Task WatchPresence(CancellationToken cancellationToken)
    {
        if (E.Presence != EngineerStatus.Available)
        {
            return;
        }
        var lastHeard = E.LastReport?.At ?? DateTimeOffset.MinValue;
        if (clock.GetUtcNow() - lastHeard > options.Value.PositionStaleAfter)
        {
            logger.LogInformation("Engineer {EngineerId} sent no position for {Stale}: taken offline", Id, options.Value.PositionStaleAfter);
            E.Presence = EngineerStatus.Offline;
            await GiveBackUnstartedWork(Actor.System, $"no position for {options.Value.PositionStaleAfter}");
            await Publish();
        }
    }

    private async Task<bool> AvailableForDispatch() =>
        E.Profile is not null
        && E.Presence == EngineerStatus.Available
        && E.Offer is null
        && E.Jobs.Count < Math.Max(1, E.Profile.Capacity)
        && E.Position is { Flagged: false } position
        && clock.GetUtcNow() - position.At <= options.Value.PositionStaleAfter
        && await OnShift();

    private async Task<bool> OnShift()
    {
        if (E.Profile?.ShiftCalendar is not { } calendarId)
        {
            return true;
        }
        var book = await slaBook.CurrentAsync();
        if (!book.Calendars.TryGet(calendarId, out var calendar))
        {
            return true;
        }
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        return calendar!.WorkingTimeBetween(now, now + Duration.FromSeconds(1)) > Duration.Zero;
    }

    /// <summary>Tells the region (for dispatch) and the live board (for the map) how this engineer now stands.</summary>
    private async Task Publish()
    {
        if (E.Position is null || E.Profile is null)
        {
            return;
        }
        if (E.Region is not null)
        {
            await GrainFactory.GetGrain<IRegionDispatcherGrain>(E.Region).UpdateEngineer(await SnapshotAsync());
        }
        await GrainFactory.GetGrain<IBoardFeedGrain>(0).EngineerChanged(new EngineerMarker(Id, E.Profile.Name, Status().ToString(), E.Position.Lat, E.Position.Lon, E.Position.At,
            E.Region, E.Jobs.Count));
    }

    /// <summary>The engineer's app re-reads its offer and jobs.</summary>
    private Task WorkChanged(string reason) => GrainFactory.GetGrain<ILiveRelayGrain>(0).WorkChanged(Id, reason);

    private async Task<EngineerSnapshot> SnapshotAsync() => new(
        Id,
        new GeoPoint(E.Position!.Lat, E.Position.Lon),
        E.Profile!.Skills,
        Math.Max(1, E.Profile.Capacity),
        E.Jobs.Count + (E.Offer is null ? 0 : 1),
        await AvailableForDispatch(),
        E.Region,
        E.Position.At);

    private EngineerView View()
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var position = E.LastReport is { } report
            ? new EngineerPosition(new GeoPoint(report.Lat, report.Lon), report.At, report.AccuracyMeters, now - report.At, report.Flagged)
            : null;
        var offer = E.Offer is { } held ? new OfferView(held.TicketId, held.OfferedAt, held.ExpiresAt, held.DistanceMeters, held.Eta) : null;
        return new EngineerView(Id, E.Profile!, Status().ToString(), position, E.Region, offer, [.. E.Jobs.Keys.Order(StringComparer.Ordinal)],
            E.DoneOn == today ? E.DoneCount : 0);
    }

    /// <summary>What the engineer is doing: their presence, unless their work says more.</summary>
    private EngineerStatus Status() =>
        E.Presence is EngineerStatus.Offline or EngineerStatus.OnBreak ? E.Presence
        : E.Jobs.ContainsValue(JobStage.OnSite) ? EngineerStatus.OnSite
        : E.Jobs.ContainsValue(JobStage.EnRoute) ? EngineerStatus.EnRoute
        : E.Offer is not null ? EngineerStatus.Offered
        : EngineerStatus.Available;

    private ITicketGrain Ticket(string ticketId) => GrainFactory.GetGrain<ITicketGrain>(ticketId);
}
