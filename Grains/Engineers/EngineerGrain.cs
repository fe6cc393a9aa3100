using System.Diagnostics;
using Dispatch.Domain.Engineers;
using Dispatch.Domain.Geo;
using Dispatch.Grains.Common;
using Dispatch.Grains.Devices;
using Dispatch.Grains.Dispatching;
using Dispatch.Grains.Events;
using Dispatch.Grains.Live;
using Dispatch.Grains.Sla;
using Dispatch.Grains.Storage;
using Dispatch.Grains.Tickets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Dispatch.Grains.Engineers;

/// <summary>
/// One engineer. The <see cref="Engineer"/> aggregate decides; this grain loads it, asks it, stores its events with the
/// state in one write (<see cref="IJournaledState"/>), and carries out its effects once that write is done. Calls come
/// one at a time, so no two dispatches can book the same engineer beyond capacity. Field actions go through here so
/// that only the engineer who holds a job can move it on; the ticket agrees first, then the engineer records it.
/// </summary>
public sealed class EngineerGrain(
    [PersistentState("engineer", StorageNames.Dispatch)] IPersistentState<EngineerState> state,
    IOptions<DispatchOptions> options,
    IOptions<DeviceTimeOptions> deviceTime,
    RegionCatalog regions,
    SlaBookCache slaBook,
    BoardFeed boardFeed,
    RosterFeed rosterFeed,
    LiveRelay relay,
    TimeProvider clock,
    ILogger<EngineerGrain> logger) : Grain, IEngineerGrain
{
    // Positions arrive every few seconds; storing each would cost a database write per report. A position is stored
    // (and logged as engineer.seen) at most this often, and with every other change.
    private static readonly TimeSpan PositionPersistInterval = TimeSpan.FromSeconds(60);

    // The region this activation last told the roster feed about this engineer.
    private string? _publishedTo;

    private Engineer _engineer = null!;

    private EngineerState E => state.State;

    private EngineerRecord R => _engineer.State;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _engineer = new Engineer(
            new EngineerRules(deviceTime.Value.Rule, options.Value.MaxSpeedKmh, options.Value.PositionStaleAfter, PositionPersistInterval),
            EngineerRecords.Read(E));
        this.RegisterGrainTimer(WatchPresence,
            new GrainTimerCreationOptions { DueTime = TimeSpan.FromMinutes(1), Period = TimeSpan.FromMinutes(1), Interleave = false, KeepAlive = false });
        return Task.CompletedTask;
    }

    public async Task<FieldReply> Register(EngineerProfile profile, Actor by)
    {
        var decision = await Decide((e, now) => e.Register(EngineerRecords.ToCard(profile), By(by), now));
        if (decision.Events.Count > 0)
        {
            logger.LogInformation("Engineer {EngineerId} registered by {Actor}", Id, by.Name);
        }
        return new FieldReply(View(), null);
    }

    public Task<EngineerView?> GetView() => Task.FromResult(_engineer.Registered ? View() : null);

    public async Task<FieldReply> SetPresence(ShownStatus presence, Actor by)
    {
        if (!_engineer.Registered)
        {
            return FieldReply.Refused(RefusalKind.NotFound, "no such engineer");
        }
        Presence? to = presence switch
        {
            ShownStatus.Available => Presence.Available,
            ShownStatus.OnBreak => Presence.OnBreak,
            ShownStatus.Offline => Presence.Offline,
            _ => null,
        };
        if (to is null)
        {
            return FieldReply.Refused(RefusalKind.Invalid, "an engineer sets Available, OnBreak or Offline; the rest follows their work", "status");
        }
        var decision = await Decide((e, now) => e.SetPresence(to.Value, By(by), now));
        return Reply(decision);
    }

    public async Task<PositionReply> ReportPosition(PositionReport report)
    {
        var now = clock.GetUtcNow();
        var region = regions.Locate(new Position(report.Lat, report.Lon))?.Id;
        var judged = _engineer.ReportPosition(new Position(report.Lat, report.Lon), report.At, report.AccuracyMeters, region, now);
        if (judged.Verdict == PositionVerdict.Flagged)
        {
            logger.LogWarning("Engineer {EngineerId}: position jump faster than {Speed} km/h flagged", Id, options.Value.MaxSpeedKmh);
        }
        await Commit(judged.Decision);
        return new PositionReply((PositionOutcome)judged.Verdict, judged.Why);
    }

    public async Task<EngineerSnapshot?> Snapshot() => R.Card is null || R.Position is null ? null : await SnapshotAsync();

    public async Task<bool> TryReserve(OfferRequest offer)
    {
        var onShift = await OnShift();
        var decision = await Decide((e, now) => e.Reserve(new JobOffer(offer.TicketId, now, offer.ExpiresAt, offer.DistanceMeters, offer.Eta), onShift, now));
        return !decision.Refused;
    }

    public Task ReleaseOffer(string ticketId, string why) => Decide((e, now) => e.ReleaseOffer(ticketId, why, now));

    public Task ReleaseJob(string ticketId, string why) => Decide((e, now) => e.ReleaseJob(ticketId, why, now));

    public Task CompleteJob(string ticketId) => Decide((e, now) => e.CompleteJob(ticketId, now));

    public async Task<FieldReply> Accept(string ticketId, Actor by, DateTimeOffset? at, ReplyDetail detail = ReplyDetail.Views)
    {
        TicketView? ticket = null;
        var (decision, refusal) = await Accepting(ticketId, by, async t =>
        {
            if (detail == ReplyDetail.OutcomeOnly)
            {
                return (await t.RecordAccept(Id, by, at)).Refusal;
            }
            var reply = await t.AcceptOffer(Id, by, at);
            ticket = reply.Ticket;
            return reply.Refusal;
        });
        return decision is null ? new FieldReply(null, refusal) : Reply(decision, detail, ticket);
    }

    public async Task<TicketAnswer> AcceptForRegion(string ticketId, Actor by)
    {
        var (decision, refusal) = await Accepting(ticketId, by, async t => (await t.RecordAccept(Id, by, null)).Refusal);
        return new TicketAnswer(decision is null ? refusal : RefusalOf(decision));
    }

    /// <summary>
    /// The accept of both replies: the engineer's decision once the ticket took it (or the engineer refused it
    /// first), else null and the ticket's refusal.
    /// </summary>
    private async Task<(EngineerDecision? Decision, TicketRefusal? Refusal)> Accepting(
        string ticketId, Actor by, Func<ITicketGrain, Task<TicketRefusal?>> acceptOnTicket)
    {
        var may = _engineer.Accept(ticketId, By(by), clock.GetUtcNow());
        if (may.Refused || may.Events.Count == 0)
        {
            return (may, null);
        }
        var refusal = await acceptOnTicket(Ticket(ticketId));
        if (refusal is { Kind: RefusalKind.NotYet })
        {
            // The region reserved this engineer and is still recording the offer on the ticket: the hold stays.
            return (null, refusal);
        }
        if (refusal is not null)
        {
            // The ticket moved on (expired, cancelled, reassigned): the offer is gone either way.
            await Decide((e, now) => e.LoseOffer(ticketId, "the ticket moved on", now));
            return (null, refusal);
        }
        return (await Decide((e, now) => e.Accept(ticketId, By(by), now)), null);
    }

    public async Task<FieldReply> Decline(string ticketId, Actor by, string? reason, ReplyDetail detail = ReplyDetail.Views)
    {
        var decision = await Decide((e, now) => e.Decline(ticketId, By(by), reason, now), carryOut: false);
        if (decision.Refusal is not null)
        {
            return Reply(decision);
        }
        // The ticket's answer is the reply's: it lapses the offer and goes on to the next candidate.
        TicketReply? ticket = null;
        foreach (var effect in decision.Effects)
        {
            ticket = await CarryOut(effect) ?? ticket;
        }
        return Taken(detail, ticket?.Ticket);
    }

    public Task<FieldReply> ReportEnRoute(string ticketId, Actor by, DateTimeOffset? at, ReplyDetail detail = ReplyDetail.Views) =>
        Advance(ticketId, JobStep.EnRoute, by, t => t.ReportEnRoute(Id, by, at), detail);

    public Task<FieldReply> ReportArrival(string ticketId, Actor by, DateTimeOffset? at, ReplyDetail detail = ReplyDetail.Views) =>
        Advance(ticketId, JobStep.OnSite, by, t => t.ReportArrival(Id, by, at), detail);

    public Task<FieldReply> ReportResolved(string ticketId, Actor by, string? notes, IReadOnlyList<string> partsUsed, DateTimeOffset? at,
        ReplyDetail detail = ReplyDetail.Views) =>
        ReportResolvedWithReport(ticketId, by, new ServiceReportInput([], null, notes, partsUsed, [], null), at, detail);

    public async Task<FieldReply> ReportResolvedWithReport(string ticketId, Actor by, ServiceReportInput report, DateTimeOffset? at,
        ReplyDetail detail = ReplyDetail.Views)
    {
        var reply = await Advance(ticketId, null, by, t => t.ResolveWithReport(by, report, at), detail);
        if (reply.Refusal is not null)
        {
            return reply;
        }
        await CompleteJob(ticketId);
        // The engineer once the job is counted as done, not as they were when the ticket took the resolution.
        return detail == ReplyDetail.Views ? reply with { Engineer = View() } : reply;
    }

    public Task<FieldReply> ReportWaitingForParts(string ticketId, Actor by, string? note, ReplyDetail detail = ReplyDetail.Views) =>
        Advance(ticketId, JobStep.WaitingForParts, by, t => t.Wait(by, "waitingForParts"), detail);

    /// <summary>A field action on one of this engineer's jobs: only the engineer who holds the job may do it, and the ticket agrees first.</summary>
    private async Task<FieldReply> Advance(string ticketId, JobStep? to, Actor by, Func<ITicketGrain, Task<TicketReply>> action, ReplyDetail detail)
    {
        if (_engineer.CheckHolds(ticketId) is { Refused: true } notHeld)
        {
            return Reply(notHeld);
        }
        var reply = await action(Ticket(ticketId));
        if (reply.Refusal is { } refusal)
        {
            return new FieldReply(null, refusal);
        }
        if (to is { } step)
        {
            await Decide((e, now) => e.Advance(ticketId, step, By(by), now));
        }
        return Taken(detail, reply.Ticket);
    }

    private async Task WatchPresence(CancellationToken cancellationToken)
    {
        var decision = await Decide((e, now) => e.NoticeSilence(now));
        if (decision.Events.Count > 0)
        {
            logger.LogInformation("Engineer {EngineerId} sent no position for {Stale}: taken offline", Id, options.Value.PositionStaleAfter);
        }
    }

    /// <summary>Asks the aggregate, stores what it decided, and carries out its effects.</summary>
    private async Task<EngineerDecision> Decide(Func<Engineer, DateTimeOffset, EngineerDecision> command, bool carryOut = true)
    {
        var decision = command(_engineer, clock.GetUtcNow());
        await Commit(decision, carryOut);
        return decision;
    }

    /// <summary>
    /// Applies the decision's events; when any of them is logged, stores the state with them in one write (a position
    /// report that is not logged stays in memory and is stored with the next change). Then the world hears of it.
    /// </summary>
    private async Task Commit(EngineerDecision decision, bool carryOut = true)
    {
        if (decision.Refused || decision.Events.Count == 0)
        {
            return;
        }
        var logged = new List<DomainEvent>();
        foreach (var happened in decision.Events)
        {
            _engineer.Apply(happened);
            if (happened.Logged)
            {
                E.LastEventSequence++;
                logged.Add(new DomainEvent(EventStreams.Engineer(Id), E.LastEventSequence, happened.What, happened.At,
                    new Actor(happened.By.Name, happened.By.Role), EngineerEventData.Of(happened, _engineer)));
            }
        }
        EngineerRecords.Write(R, E);
        if (logged.Count > 0)
        {
            try
            {
                await state.WriteWithEventsAsync(logged);
            }
            catch
            {
                // The change is not stored, yet this activation holds it in memory: start again from storage.
                DeactivateOnIdle();
                throw;
            }
        }
        if (carryOut)
        {
            foreach (var effect in decision.Effects)
            {
                await CarryOut(effect);
            }
        }
        await Publish();
    }

    private async Task<TicketReply?> CarryOut(EngineerEffect effect)
    {
        switch (effect)
        {
            case WorkChanged changed:
                await relay.WorkChanged(Id, changed.Why);
                return null;
            case LapseTicketOffer lapse:
                return await Ticket(lapse.TicketId).LapseOffer(Id, Actor.System, lapse.Why);
            case ReleaseTicket release:
                return await Ticket(release.TicketId).ReleaseAssignment(Id, Actor.System, release.Why);
            case LeaveRegion left:
                await rosterFeed.EngineerLeft(left.RegionId, Id);
                return null;
            default:
                throw new UnreachableException($"no way to carry out {effect}");
        }
    }

    private async Task<bool> OnShift()
    {
        if (R.Card?.ShiftCalendar is not { } calendarId)
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
        if (R.Position is null || R.Card is null)
        {
            return;
        }
        if (R.Region is not null)
        {
            var snapshot = await SnapshotAsync();
            // A region that has not heard of this engineer from this activation hears at once, so it is never blind to
            // one it could send; moves, offers and jobs can wait a little, as the engineer refuses what it cannot take.
            var atOnce = _publishedTo != R.Region;
            _publishedTo = R.Region;
            await rosterFeed.EngineerChanged(R.Region, snapshot, atOnce);
        }
        boardFeed.EngineerChanged(new EngineerMarker(Id, R.Card.Name, _engineer.Status,
            R.Position.Point.Lat, R.Position.Point.Lon, R.Position.At, R.Region, R.Jobs.Count));
    }

    private async Task<EngineerSnapshot> SnapshotAsync() => new(
        Id,
        R.Position!.Point,
        R.Card!.Skills,
        R.Card.JobsAtOnce,
        R.Jobs.Count + (R.Offer is null ? 0 : 1),
        _engineer.WhyNotAvailable(await OnShift(), clock.GetUtcNow()) is null,
        R.Region,
        R.Position.At);

    private FieldReply Reply(EngineerDecision decision, ReplyDetail detail = ReplyDetail.Views, TicketView? ticket = null) =>
        RefusalOf(decision) is { } refusal ? new FieldReply(null, refusal) : Taken(detail, ticket);

    /// <summary>A field action that was taken, answered as its caller asked.</summary>
    private FieldReply Taken(ReplyDetail detail, TicketView? ticket = null) =>
        detail == ReplyDetail.Views ? new FieldReply(View(), null, ticket) : FieldReply.Taken;

    private static TicketRefusal? RefusalOf(EngineerDecision decision) => decision.Refusal is { } refusal
        ? new TicketRefusal(refusal.Cause switch
        {
            EngineerRefusalCause.NotFound => RefusalKind.NotFound,
            EngineerRefusalCause.NotYours => RefusalKind.Forbidden,
            EngineerRefusalCause.Invalid => RefusalKind.Invalid,
            _ => RefusalKind.Conflict,
        }, refusal.Why, null)
        : null;

    private EngineerView View()
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var position = R.LastReport is { } report
            ? new EngineerPosition(report.Point, report.At, report.AccuracyMeters, now - report.At, report.Flagged)
            : null;
        var offer = R.Offer is { } held ? new OfferView(held.TicketId, held.OfferedAt, held.ExpiresAt, held.DistanceMeters, held.Eta) : null;
        return new EngineerView(Id, E.Profile!, _engineer.Status, position, R.Region, offer, [.. R.Jobs.Keys.Order(StringComparer.Ordinal)],
            R.DoneOn == today ? R.DoneCount : 0);
    }

    private static EngineerActor By(Actor actor) => new(actor.Name, actor.Role);

    private ITicketGrain Ticket(string ticketId) => GrainFactory.Grain<ITicketGrain>(ticketId);
}
