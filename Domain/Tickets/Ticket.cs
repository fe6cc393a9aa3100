using Dispatch.Domain.Devices;
using Dispatch.Domain.Sla;

namespace Dispatch.Domain.Tickets;

/// <summary>
/// A ticket as a decision maker: a command looks at <see cref="State"/> and answers with a <see cref="Decision"/>
/// (the events that happened and the effects to carry out once they are stored) or a refusal; it changes nothing
/// itself. <see cref="Apply"/> is the only way the state changes. Every status change is a
/// <see cref="TicketMoved"/> event to where <see cref="TicketLifecycle"/> leads.
/// </summary>
public sealed partial class Ticket(ServiceType service, DeviceTimeRule deviceTime, TicketRecord state)
{
    public TicketRecord State { get; } = state;

    public ServiceType Service { get; } = service;

    public Decision Triage(TicketActor by, string? note, DateTimeOffset now) =>
        Transition(TicketAction.Triage, by, note, now);

    public Decision StartDispatch(TicketActor by, string? note, DateTimeOffset now) =>
        Transition(TicketAction.StartDispatch, by, note, now);

    /// <param name="details">What the timeline keeps about the choice (the candidates, the expiry).</param>
    public Decision Offer(string engineerId, DateTimeOffset expiresAt, TicketActor by, string why, IReadOnlyDictionary<string, string>? details, DateTimeOffset now) =>
        Transition(TicketAction.Offer, by, why, now, engineerId: engineerId, expiresAt: expiresAt, mark: SlaEventKind.OfferMade, details: details, effects:
            [new PushOffer(engineerId, expiresAt)]);

    public Decision Accept(string engineerId, TicketActor by, DateTimeOffset? reportedAt, DateTimeOffset now)
    {
        // A phone that never heard the answer sends its accept again. The ticket may be that engineer's job already
        // while the engineer's grain never recorded it (its silo was lost in between): the repeat is the same accept,
        // done, so that the engineer records the job now, rather than a refusal that leaves the ticket with nobody.
        if (State.Status == TicketStatus.Accepted && State.AssignedEngineerId == engineerId)
        {
            return new Decision([], [], null);
        }
        if (State.Status == TicketStatus.Offered && State.OfferedEngineerId != engineerId)
        {
            return Decision.Refuse(RefusalCause.NotYours, $"the offer is not for engineer '{engineerId}'");
        }
        if (State.Status == TicketStatus.Dispatching && !State.Excluded.Contains(engineerId))
        {
            // The region holds the engineer before it records the offer here, so an accept can arrive in between (a
            // client that retries, an app that saw the hold). It is early, not wrong: had the engineer given up the hold
            // on it, the offer recorded a moment later would wait for an engineer who no longer knows of it.
            return Decision.Refuse(RefusalCause.NotYet, $"the offer to engineer '{engineerId}' is not recorded on the ticket yet; try again in a moment");
        }
        var judged = Judge(reportedAt, now);
        var offeredAt = State.Marks.LastOrDefault(m => m.Kind == SlaEventKind.OfferMade)?.At ?? judged.At;
        return Transition(TicketAction.AcceptOffer, by, null, now, reportedAt, engineerId: engineerId, mark: SlaEventKind.OfferAccepted,
            details: Engineer(engineerId), effects: [new OfferTaken(engineerId, offeredAt, judged.At)]);
    }

    /// <summary>The offered engineer declined, or ("expired") let the offer run out: never offered this ticket again.</summary>
    public Decision LapseOffer(string engineerId, TicketActor by, string why, DateTimeOffset now)
    {
        if (State.Status == TicketStatus.Offered && State.OfferedEngineerId != engineerId)
        {
            return Decision.Refuse(RefusalCause.NotYours, $"the offer is not for engineer '{engineerId}'");
        }
        return Transition(TicketAction.LapseOffer, by, why, now, engineerId: engineerId,
            mark: why == "expired" ? SlaEventKind.OfferExpired : SlaEventKind.OfferDeclined, details: Engineer(engineerId), excludes: true);
    }

    /// <summary>Nobody answered the offer in time: it lapses as <see cref="LapseOffer"/> says, and its engineer is let go.</summary>
    public Decision ExpireOffer(DateTimeOffset now)
    {
        if (State.OfferedEngineerId is not { } engineerId)
        {
            return Decision.Refuse(RefusalCause.NotNow, "no offer is waiting for an answer");
        }
        var lapsed = LapseOffer(engineerId, TicketActor.System, "expired", now);
        return lapsed.Refused ? lapsed : lapsed with { Effects = [.. lapsed.Effects, new ReleaseEngineer(engineerId, HeldTheJob: false, "offer expired")] };
    }

    /// <summary>The assigned engineer gives the job back before work started.</summary>
    public Decision Release(string engineerId, TicketActor by, string why, DateTimeOffset now) =>
        State.AssignedEngineerId != engineerId
            ? NotAssigned(engineerId)
            : Transition(TicketAction.Release, by, why, now, engineerId: engineerId, details: Engineer(engineerId));

    public Decision StartTravel(string engineerId, TicketActor by, DateTimeOffset? reportedAt, DateTimeOffset now) =>
        State.AssignedEngineerId != engineerId
            ? NotAssigned(engineerId)
            : Transition(TicketAction.StartTravel, by, null, now, reportedAt);

    public Decision Arrive(string engineerId, TicketActor by, DateTimeOffset? reportedAt, DateTimeOffset now) =>
        State.AssignedEngineerId != engineerId
            ? NotAssigned(engineerId)
            : Transition(TicketAction.Arrive, by, null, now, reportedAt, mark: SlaEventKind.OnSite);

    /// <summary>Resolved; a service type without a follow-up stage closes at once, as part of the same decision.</summary>
    public Decision Resolve(TicketActor by, string? notes, DateTimeOffset? reportedAt, DateTimeOffset now) =>
        Resolve(by, notes, ServiceReport.Empty, null, reportedAt, now);

    /// <summary>
    /// Resolved with the engineer's service report. Where the service type has a report rule, a report that falls
    /// short of it (a required checklist step skipped, no fault code) is refused and nothing changes.
    /// </summary>
    public Decision Resolve(TicketActor by, string? notes, ServiceReport report, ServiceReportRule? rule, DateTimeOffset? reportedAt, DateTimeOffset now)
    {
        if (rule?.Shortfall(report) is { } shortfall && TicketLifecycle.Next(State.Status, TicketAction.Resolve, Service, State.StatusBeforeWait).To is not null)
        {
            return Decision.Refuse(RefusalCause.Incomplete, shortfall);
        }
        List<TicketEffect> effects = [new ResolutionCounted(now)];
        if (State.AssignedEngineerId is { } engineer)
        {
            effects.Add(new CompleteJob(engineer));
        }
        var details = report.AsDetails();
        return Transition(TicketAction.Resolve, by, notes, now, reportedAt, mark: SlaEventKind.Resolved, details: details.Count == 0 ? null : details, effects: effects);
    }

    public Decision Close(TicketActor by, string why, DateTimeOffset now) =>
        Transition(TicketAction.Close, by, why, now, mark: SlaEventKind.Closed);

    /// <param name="reason">One of the configured waiting reasons (the caller knows them).</param>
    public Decision Wait(TicketActor by, string reason, DateTimeOffset now) =>
        Transition(TicketAction.Wait, by, reason, now, mark: SlaEventKind.Paused);

    public Decision Resume(TicketActor by, string? note, DateTimeOffset now) =>
        Transition(TicketAction.Resume, by, note, now, mark: SlaEventKind.Resumed);

    /// <summary>Cancelled: whoever holds the ticket is let go, and its region stops looking for an engineer.</summary>
    public Decision Cancel(TicketActor by, string reason, DateTimeOffset now)
    {
        List<TicketEffect> effects = [];
        if (State.OfferedEngineerId is { } offered)
        {
            effects.Add(new ReleaseEngineer(offered, HeldTheJob: false, "ticket cancelled"));
        }
        if (State.AssignedEngineerId is { } assigned)
        {
            effects.Add(new ReleaseEngineer(assigned, HeldTheJob: true, "ticket cancelled"));
        }
        effects.Add(new WithdrawFromRegion());
        return Transition(TicketAction.Cancel, by, reason, now, mark: SlaEventKind.Cancelled, effects: effects);
    }

    /// <param name="window">How long after its resolution a ticket may be reopened.</param>
    public Decision Reopen(TicketActor by, string reason, TimeSpan window, DateTimeOffset now)
    {
        if (State.ResolvedAt is { } resolvedAt && now - resolvedAt > window)
        {
            return Decision.Refuse(RefusalCause.NotNow, $"resolved at {resolvedAt:u}: the reopen window of {window} has passed");
        }
        return Transition(TicketAction.Reopen, by, reason, now, mark: SlaEventKind.Reopened);
    }

    /// <summary>
    /// The customer confirms the job is done: once per resolution, after it (a second confirmation changes nothing).
    /// </summary>
    public Decision ConfirmCompletion(TicketActor by, DateTimeOffset now)
    {
        if (State.Status is not (TicketStatus.Resolved or TicketStatus.Closed) || State.ResolvedAt is null)
        {
            return Decision.Refuse(RefusalCause.NotNow, $"only a resolved job can be confirmed; this ticket is {State.Status}");
        }
        return State.CompletionConfirmedAt is not null
            ? new Decision([], [], null)
            : new Decision([new CompletionConfirmed(now, by, State.Status)], [], null);
    }

    /// <summary>
    /// The survey is taken once, after resolution; it closes a resolved ticket. Negative feedback opens a follow-up
    /// unless <paramref name="followsUpNegative"/> is false (a follow-up's own survey does not open another).
    /// </summary>
    public Decision RecordSurvey(TicketSurvey survey, TicketActor by, DateTimeOffset now, bool followsUpNegative = true)
    {
        if (State.Status is not (TicketStatus.Resolved or TicketStatus.Closed) || State.Survey is not null)
        {
            return Decision.Refuse(RefusalCause.NotNow, State.Survey is null
                ? "a survey follows resolution; this ticket is not resolved"
                : "this ticket's survey was already recorded");
        }
        List<TicketEvent> events = [new SurveyRecorded(now, by, State.Status, survey)];
        if (TicketLifecycle.Next(State.Status, TicketAction.Close, Service).To is { } closed)
        {
            events.Add(new TicketMoved(now, TicketActor.System, "survey received", TicketAction.Close, State.Status, closed,
                Mark: SlaEventKind.Closed, RecordedAt: now));
        }
        List<TicketEffect> effects = [new SurveyTaken(survey, now), new TellCustomer()];
        if (followsUpNegative && survey.IsNegative)
        {
            effects.Add(new FollowUpFeedback(survey, now));
        }
        return new Decision(events, effects, null);
    }

    /// <summary>
    /// Triage corrects the service type and the skills before an engineer is offered the job. A triaged ticket that
    /// now has a dispatch stage goes on to dispatch; a ticket already dispatching keeps dispatching, so the new
    /// service type must have that stage. The same classification again changes nothing.
    /// </summary>
    public Decision Reclassify(ServiceType to, IReadOnlyList<string> requiredSkills, TicketActor by, string? why, DateTimeOffset now)
    {
        if (State.Status is not (TicketStatus.New or TicketStatus.Triaged or TicketStatus.Dispatching))
        {
            return Decision.Refuse(RefusalCause.NotNow,
                $"a ticket that is {TicketLifecycle.Describe(State.Status)} cannot be reclassified: only before an engineer is offered it");
        }
        if (State.Status == TicketStatus.Dispatching && !to.Has(ServiceStage.Dispatch))
        {
            return Decision.Refuse(RefusalCause.NotNow, $"the ticket is being dispatched and a {to.Id} ticket has no dispatch stage");
        }
        var fromSkills = State.RequiredSkills;
        if (to.Id == Service.Id && fromSkills.SequenceEqual(requiredSkills, StringComparer.Ordinal))
        {
            return new Decision([], [], null);
        }
        List<TicketEvent> events = [new TicketReclassified(now, by, why, State.Status, Service.Id, to.Id, [.. fromSkills], [.. requiredSkills])];
        if (State.Status == TicketStatus.Triaged && TicketLifecycle.Next(TicketStatus.Triaged, TicketAction.StartDispatch, to).To is { } dispatching)
        {
            events.Add(new TicketMoved(now, TicketActor.System, $"reclassified as {to.Id}", TicketAction.StartDispatch, TicketStatus.Triaged, dispatching, RecordedAt: now));
        }
        return new Decision(events, [], null);
    }

    /// <summary>
    /// A dispatcher gives the ticket to <paramref name="engineerId"/>: the current offer lapses or the current engineer
    /// gives the job back, the region stops looking, and the chosen engineer is offered the job until
    /// <paramref name="expiresAt"/>. The caller has that engineer hold the job before the decision is stored, so a
    /// refusal there leaves the ticket as it was. The engineer who already has it changes nothing.
    /// </summary>
    public Decision AssignByHand(string engineerId, DateTimeOffset expiresAt, TicketActor by, string reason, DateTimeOffset now)
    {
        var reassignment = TicketLifecycle.Reassign(State.Status, Service);
        if (!reassignment.Allowed)
        {
            return Decision.Refuse(RefusalCause.NotNow, reassignment.Refusal!);
        }
        if (State.AssignedEngineerId == engineerId || State.OfferedEngineerId == engineerId)
        {
            return new Decision([], [], null);
        }
        const string reassigned = "reassigned by a dispatcher";
        List<TicketEvent> events = [new AssignedByHand(now, by, reason, State.Status, engineerId)];
        List<TicketEffect> effects = [];
        var status = State.Status;
        foreach (var action in reassignment.Path)
        {
            var to = TicketLifecycle.Next(status, action, Service, State.StatusBeforeWait).To!.Value;
            events.Add(action switch
            {
                TicketAction.LapseOffer => new TicketMoved(now, by, reassigned, action, status, to, State.OfferedEngineerId,
                    Mark: SlaEventKind.OfferDeclined, RecordedAt: now, MoveDetails: Engineer(State.OfferedEngineerId!)),
                TicketAction.Release => new TicketMoved(now, by, reassigned, action, status, to, State.AssignedEngineerId,
                    RecordedAt: now, MoveDetails: Engineer(State.AssignedEngineerId!)),
                TicketAction.Offer => new TicketMoved(now, by, reason, action, status, to, engineerId, expiresAt, SlaEventKind.OfferMade, now,
                    new Dictionary<string, string> { ["engineerId"] = engineerId, ["byHand"] = "true" }),
                _ => new TicketMoved(now, by, reason, action, status, to, RecordedAt: now),
            });
            switch (action)
            {
                case TicketAction.LapseOffer:
                    effects.Add(new ReleaseEngineer(State.OfferedEngineerId!, HeldTheJob: false, reassigned));
                    break;
                case TicketAction.Release:
                    effects.Add(new ReleaseEngineer(State.AssignedEngineerId!, HeldTheJob: true, reassigned));
                    break;
                case TicketAction.Offer:
                    effects.Add(new WithdrawFromRegion());
                    effects.Add(new PushOffer(engineerId, expiresAt));
                    break;
            }
            status = to;
        }
        return new Decision(events, effects, null);
    }

    /// <summary>A person sets how urgent the open ticket is; the same priority again changes nothing.</summary>
    public Decision ChangePriority(Priority to, TicketActor by, string? reason, DateTimeOffset now)
    {
        if (!TicketLifecycle.IsOpen(State.Status))
        {
            return Decision.Refuse(RefusalCause.NotNow, $"a {State.Status} ticket's priority cannot change");
        }
        return to == State.Priority
            ? new Decision([], [], null)
            : new Decision([new PriorityChanged(now, by, reason, State.Status, State.Priority, to)], [], null);
    }

    /// <summary>The only way the state changes.</summary>
    public void Apply(TicketEvent @event)
    {
        switch (@event)
        {
            case TicketMoved moved:
                Apply(moved);
                break;
            case SurveyRecorded surveyed:
                State.Survey = surveyed.Survey;
                break;
            case CompletionConfirmed:
                State.CompletionConfirmedAt = @event.At;
                break;
            case TicketReclassified reclassified:
                (State.ServiceTypeId, State.RequiredSkills) = (reclassified.ServiceType, [.. reclassified.RequiredSkills]);
                break;
            case PriorityChanged changed:
                State.Priority = changed.Priority;
                break;
            case PriorityRaised raised:
                State.Priority = raised.Priority;
                break;
            case SearchWidened widened:
                State.SearchWidening = widened.Widening;
                break;
            case AlertRaised alert:
                State.AlertLevels[alert.AlertId] = alert.Level;
                break;
            case SlaStepReached { Kind: not EscalationKind.Warning } step:
                State.EscalationLevel = Math.Max(State.EscalationLevel, step.Level);
                break;
            case RuleFired rule:
                State.EscalationLevel = Math.Max(State.EscalationLevel, rule.Level);
                break;
        }
        State.LastEventAt = @event.At;
    }

    private void Apply(TicketMoved moved)
    {
        var s = State;
        s.Status = moved.MovedTo;
        switch (moved.Action)
        {
            case TicketAction.Offer:
                (s.OfferedEngineerId, s.OfferExpiresAt) = (moved.EngineerId, moved.OfferExpiresAt);
                break;
            case TicketAction.AcceptOffer:
                (s.AssignedEngineerId, s.OfferedEngineerId, s.OfferExpiresAt) = (moved.EngineerId, null, null);
                break;
            case TicketAction.LapseOffer:
                (s.OfferedEngineerId, s.OfferExpiresAt) = (null, null);
                if (moved.ExcludesEngineer && moved.EngineerId is { } lapsed)
                {
                    s.Excluded.Add(lapsed);
                }
                break;
            case TicketAction.Release:
                s.AssignedEngineerId = null;
                break;
            case TicketAction.Resolve:
                s.ResolvedAt = moved.RecordedAt ?? moved.At;
                break;
            case TicketAction.Wait:
                (s.StatusBeforeWait, s.WaitingReason) = (moved.MovedFrom, moved.Why);
                break;
            case TicketAction.Resume:
                (s.StatusBeforeWait, s.WaitingReason) = (null, null);
                break;
            case TicketAction.Cancel:
                (s.OfferedEngineerId, s.OfferExpiresAt, s.AssignedEngineerId) = (null, null, null);
                break;
            case TicketAction.Reopen:
                (s.ResolvedAt, s.Survey, s.AssignedEngineerId, s.CompletionConfirmedAt) = (null, null, null, null);
                break;
        }
        if (moved.Mark is { } kind)
        {
            s.Marks.Add(new TicketMark(moved.At, kind, moved.Why));
        }
    }

    /// <summary>
    /// One lifecycle move and what follows from it in the same decision: a triaged ticket of a service type that
    /// dispatches goes straight on to dispatch; a resolved one without a follow-up stage closes; the customer hears
    /// of a ticket that ended or was reopened.
    /// </summary>
    private Decision Transition(
        TicketAction action,
        TicketActor by,
        string? why,
        DateTimeOffset now,
        DateTimeOffset? reportedAt = null,
        string? engineerId = null,
        DateTimeOffset? expiresAt = null,
        SlaEventKind? mark = null,
        IReadOnlyDictionary<string, string>? details = null,
        IEnumerable<TicketEffect>? effects = null,
        bool excludes = false)
    {
        var step = TicketLifecycle.Next(State.Status, action, Service, State.StatusBeforeWait);
        if (step.To is not { } to)
        {
            return Decision.Refuse(RefusalCause.NotNow, step.Refusal!);
        }
        var judged = Judge(reportedAt, now);
        List<TicketEvent> events =
            [new TicketMoved(judged.At, by, why, action, State.Status, to, engineerId, expiresAt, mark, now, WithDeviceTime(details, judged), excludes)];
        if (TicketLifecycle.Next(to, TicketAction.StartDispatch, Service).To is { } dispatching && to == TicketStatus.Triaged)
        {
            events.Add(new TicketMoved(now, TicketActor.System, "triaged", TicketAction.StartDispatch, to, dispatching, RecordedAt: now));
            to = dispatching;
        }
        if (to == TicketStatus.Resolved && !Service.Has(ServiceStage.FollowUp))
        {
            const string noFollowUp = "no follow-up stage for this service type";
            events.Add(new TicketMoved(now, TicketActor.System, noFollowUp, TicketAction.Close, to, TicketStatus.Closed, Mark: SlaEventKind.Closed, RecordedAt: now));
            to = TicketStatus.Closed;
        }
        List<TicketEffect> all = [.. effects ?? []];
        if (!TicketLifecycle.IsOpen(to) || action == TicketAction.Reopen)
        {
            all.Add(new TellCustomer());
        }
        return new Decision(events, all, null);
    }

    private DeviceTime Judge(DateTimeOffset? reported, DateTimeOffset now) => deviceTime.Judge(reported, now, State.LastEventAt);

    /// <summary>The timeline says whose time counts when a device sent one, and why when it is not the device's.</summary>
    private IReadOnlyDictionary<string, string>? WithDeviceTime(IReadOnlyDictionary<string, string>? details, DeviceTime judged)
    {
        if (judged.Reported is not { } reported)
        {
            return details;
        }
        var with = details is null ? [] : new Dictionary<string, string>(details);
        with["deviceTime"] = reported.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        with["timeSource"] = judged.IsDevices ? "device" : "server";
        if (judged.Why(deviceTime) is { } note)
        {
            with["timeNote"] = note;
        }
        return with;
    }

    private static Dictionary<string, string> Engineer(string engineerId) => new() { ["engineerId"] = engineerId };

    private static Decision NotAssigned(string engineerId) =>
        Decision.Refuse(RefusalCause.NotYours, $"engineer '{engineerId}' is not assigned to this ticket");
}
