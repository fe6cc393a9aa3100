using Dispatch.Domain.Devices;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Common;
using Dispatch.Grains.Devices;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Dispatching;
using Dispatch.Grains.Engineers;
using Dispatch.Grains.Events;
using Dispatch.Grains.Live;
using Dispatch.Grains.Sla;
using Dispatch.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Grains.Tickets;

/// <summary>
/// One ticket: its lifecycle, its timeline and its SLA clocks. Every command checks the lifecycle first and
/// changes nothing when it refuses; an accepted command is on the timeline, in storage and in the event log
/// before the caller hears back. Deadlines are kept by <see cref="TicketGrain"/>'s checkpoint schedule.
/// </summary>
public sealed partial class TicketGrain(
    [PersistentState("ticket", StorageNames.Dispatch)] IPersistentState<TicketState> state,
    IOptions<TicketOptions> options,
    IOptions<DeviceTimeOptions> deviceTime,
    IOptions<DispatchOptions> dispatchOptions,
    RegionCatalog regions,
    SlaBookCache slaBook,
    TimeProvider clock,
    ILogger<TicketGrain> logger) : Grain, ITicketGrain, IRemindable
{
    private static readonly System.Text.Json.JsonSerializerOptions WebJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    private TicketState T => state.State;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (T.Opened)
        {
            // Any checkpoint that fell due while no silo held this ticket fires now, in order, once.
            await Settle(stateChanged: false);
        }
    }

    public async Task<TicketReply> Open(OpenTicket request, Actor by)
    {
        if (T.Opened)
        {
            return TicketReply.Of(await View(clock.GetUtcNow()));
        }
        var service = options.Value.ServiceType(request.ServiceType);
        if (service is null)
        {
            return TicketReply.Refused(RefusalKind.Invalid, $"unknown service type '{request.ServiceType}'; known: {string.Join(", ", options.Value.ServiceTypes.Keys)}", "serviceType");
        }
        var region = regions.Locate(request.Location);
        if (region is null)
        {
            return TicketReply.Refused(RefusalKind.Invalid,
                $"({request.Location.Lat}, {request.Location.Lon}) is outside every service region", "location");
        }
        var now = clock.GetUtcNow();
        var terms = await GrainFactory.GetGrain<ICustomerGrain>(request.CustomerId).TermsOn(DateOnly.FromDateTime(now.UtcDateTime));
        if (terms is null)
        {
            return TicketReply.Refused(RefusalKind.Invalid, $"unknown customer '{request.CustomerId}'", "customerId");
        }
        T.Request = request;
        T.CustomerTier = terms.Tier;
        T.ContractPolicyId = terms.ContractPolicyId;
        T.Priority = Enum.Parse<Priority>(request.Priority);
        T.Status = TicketLifecycle.Initial;
        T.CreatedAt = now;
        T.Region = region.Id;
        var book = await slaBook.CurrentAsync();
        T.PolicyId = book.PolicyFor(Facts(), T.ContractPolicyId).Id;
        T.Opened = true;
        T.SlaMarks.Add(new SlaMark(now, SlaEventKind.Created, null));
        Record(now, "ticket.created", null, TicketStatus.New, by, $"via {request.Channel}", new Dictionary<string, string>
        {
            ["priority"] = request.Priority,
            ["serviceType"] = request.ServiceType,
            ["customerId"] = request.CustomerId,
            ["slaPolicy"] = T.PolicyId,
            ["region"] = region.Id,
        });
        if (service.Has(ServiceStage.Triage) && options.Value.AutoTriage)
        {
            Move(now, TicketAction.Triage, Actor.System, "triaged at intake");
        }
        if (!service.Has(ServiceStage.Triage) || options.Value.AutoTriage)
        {
            StartDispatchingIfDue(now, "no human in the loop");
        }
        await Commit(now);
        await TellCustomer(now);
        return TicketReply.Of(await View(now), created: true);
    }

    public Task<TicketReply> Triage(Actor by, string? note) => Transition(TicketAction.Triage, by, note);

    public Task<TicketReply> StartDispatch(Actor by, string? note) => Transition(TicketAction.StartDispatch, by, note);

    public async Task<TicketReply> RecordOffer(string engineerId, Actor by, DateTimeOffset expiresAt, IReadOnlyList<ScoredCandidate> candidates)
    {
        var details = new Dictionary<string, string>
        {
            ["engineerId"] = engineerId,
            ["expiresAt"] = expiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["candidates"] = System.Text.Json.JsonSerializer.Serialize(candidates.Take(5), WebJson),
        };
        var best = candidates.FirstOrDefault(c => c.EngineerId == engineerId);
        return await Transition(TicketAction.Offer, by, best is not null ? WhyThisEngineer(best) : "chosen by hand",
            slaEvent: SlaEventKind.OfferMade, details: details,
            apply: () =>
            {
                (T.OfferedEngineerId, T.OfferExpiresAt) = (engineerId, expiresAt);
                PushOffer(engineerId, expiresAt, best);
            });
    }

    /// <summary>
    /// An offer, once stored, is pushed to the engineer's phone at once (the phone also reads it from state), as a
    /// follow-up of the commit: the push need not wait for the event log, which the caller's reply still does.
    /// </summary>
    private void PushOffer(string engineerId, DateTimeOffset expiresAt, ScoredCandidate? scored) =>
        _afterCommit.Add(async () =>
        {
            var request = T.Request!;
            await Board.OfferMade(new OfferPush(engineerId, Id, request.Title, request.CustomerId, request.Location.Lat, request.Location.Lon,
                scored?.DistanceMeters ?? 0, scored?.Eta ?? TimeSpan.Zero, expiresAt, await ClockViews(_settledAt)));
        });

    public async Task<TicketReply> AssignByHand(string engineerId, Actor by, string reason)
    {
        if (!T.Opened)
        {
            return NotFound();
        }
        var reassignment = TicketLifecycle.Reassign(T.Status, Service());
        if (!reassignment.Allowed)
        {
            return TicketReply.Refused(RefusalKind.Conflict, reassignment.Refusal!);
        }
        if (T.AssignedEngineerId == engineerId || T.OfferedEngineerId == engineerId)
        {
            return TicketReply.Of(await View(clock.GetUtcNow()));
        }
        var now = clock.GetUtcNow();
        var expiresAt = now + dispatchOptions.Value.OfferTimeout;
        var engineer = GrainFactory.GetGrain<IEngineerGrain>(engineerId);
        // The new engineer is held first, so a refusal leaves the current offer or assignment as it was.
        if (!await engineer.TryReserve(new OfferRequest(Id, expiresAt, 0, TimeSpan.Zero)))
        {
            return TicketReply.Refused(RefusalKind.Conflict,
                $"engineer '{engineerId}' cannot take this job now (unknown, offline, off shift, holding another offer, or at capacity)");
        }
        Record(now, "ticket.assigned-by-hand", T.Status, T.Status, by, reason, new Dictionary<string, string> { ["engineerId"] = engineerId });
        foreach (var action in reassignment.Path)
        {
            switch (action)
            {
                case TicketAction.LapseOffer:
                    var offered = T.OfferedEngineerId!;
                    await GrainFactory.GetGrain<IEngineerGrain>(offered).ReleaseOffer(Id, "reassigned by a dispatcher");
                    Move(now, action, by, "reassigned by a dispatcher", new() { ["engineerId"] = offered });
                    T.SlaMarks.Add(new SlaMark(now, SlaEventKind.OfferDeclined, "reassigned"));
                    T.OfferedEngineerId = null;
                    break;
                case TicketAction.Release:
                    var assigned = T.AssignedEngineerId!;
                    await GrainFactory.GetGrain<IEngineerGrain>(assigned).ReleaseJob(Id, "reassigned by a dispatcher");
                    Move(now, action, by, "reassigned by a dispatcher", new() { ["engineerId"] = assigned });
                    T.AssignedEngineerId = null;
                    break;
                case TicketAction.Offer:
                    await Region.Withdraw(Id);
                    T.DispatchRequestedAt = null;
                    (T.OfferedEngineerId, T.OfferExpiresAt) = (engineerId, expiresAt);
                    Move(now, action, by, reason, new() { ["engineerId"] = engineerId, ["byHand"] = "true" });
                    T.SlaMarks.Add(new SlaMark(now, SlaEventKind.OfferMade, reason));
                    break;
                default:
                    Move(now, action, by, reason);
                    break;
            }
        }
        PushOffer(engineerId, expiresAt, null);
        await Commit(now);
        return TicketReply.Of(await View(now));
    }

    public Task<TicketReply> ReleaseAssignment(string engineerId, Actor by, string why) =>
        T.AssignedEngineerId != engineerId && T.Opened
            ? Task.FromResult(TicketReply.Refused(RefusalKind.Forbidden, $"engineer '{engineerId}' is not assigned to this ticket"))
            : Transition(TicketAction.Release, by, why, apply: () => T.AssignedEngineerId = null, details: new() { ["engineerId"] = engineerId });

    public Task<TicketReply> AcceptOffer(string engineerId, Actor by, DateTimeOffset? at) =>
        T.OfferedEngineerId != engineerId && T.Opened && T.Status == TicketStatus.Offered
            ? Task.FromResult(TicketReply.Refused(RefusalKind.Forbidden, $"the offer is not for engineer '{engineerId}'"))
            : Transition(TicketAction.AcceptOffer, by, null, at, SlaEventKind.OfferAccepted, () =>
                {
                    (T.AssignedEngineerId, T.OfferedEngineerId) = (engineerId, null);
                    var offeredAt = T.SlaMarks.Last(m => m.Kind == SlaEventKind.OfferMade).At;
                    var acceptedAt = JudgeDeviceTime(at, clock.GetUtcNow()).At;
                    var location = T.Request!.Location;
                    _afterCommit.Add(() => Board.OfferAccepted(Id, location.Lat, location.Lon, acceptedAt - offeredAt, acceptedAt));
                }, new() { ["engineerId"] = engineerId });

    public Task<TicketReply> LapseOffer(string engineerId, Actor by, string why) =>
        T.OfferedEngineerId != engineerId && T.Opened && T.Status == TicketStatus.Offered
            ? Task.FromResult(TicketReply.Refused(RefusalKind.Forbidden, $"the offer is not for engineer '{engineerId}'"))
            : Transition(TicketAction.LapseOffer, by, why, slaEvent: why == "expired" ? SlaEventKind.OfferExpired : SlaEventKind.OfferDeclined,
                apply: () =>
                {
                    T.OfferedEngineerId = null;
                    T.Excluded.Add(engineerId);
                },
                details: new() { ["engineerId"] = engineerId });

    public Task<TicketReply> ReportEnRoute(string engineerId, Actor by, DateTimeOffset? at) =>
        AsAssigned(engineerId, () => Transition(TicketAction.StartTravel, by, null, at));

    public Task<TicketReply> ReportArrival(string engineerId, Actor by, DateTimeOffset? at) =>
        AsAssigned(engineerId, () => Transition(TicketAction.Arrive, by, null, at, SlaEventKind.OnSite));

    public async Task<TicketReply> Resolve(Actor by, string? notes, DateTimeOffset? at)
    {
        var engineer = T.AssignedEngineerId;
        var reply = await Transition(TicketAction.Resolve, by, notes, at, SlaEventKind.Resolved, () => T.ResolvedAt = clock.GetUtcNow());
        if (reply.Ticket is { } resolved)
        {
            await Board.TicketResolved(Id, resolved.Sla.Any(c => c.State == "breached"), T.ResolvedAt!.Value);
            if (engineer is not null)
            {
                await GrainFactory.GetGrain<IEngineerGrain>(engineer).CompleteJob(Id);
            }
        }
        if (reply.Refusal is null && !Service().Has(ServiceStage.FollowUp))
        {
            // No follow-up stage: nothing to wait for once resolved.
            return await Transition(TicketAction.Close, Actor.System, "no follow-up stage for this service type", slaEvent: SlaEventKind.Closed);
        }
        return reply;
    }

    public Task<TicketReply> Wait(Actor by, string reason)
    {
        if (!options.Value.WaitingReasons.Contains(reason))
        {
            return Task.FromResult(TicketReply.Refused(RefusalKind.Invalid,
                $"unknown waiting reason '{reason}'; known: {string.Join(", ", options.Value.WaitingReasons)}", "reason"));
        }
        var from = T.Status;
        return Transition(TicketAction.Wait, by, reason, slaEvent: SlaEventKind.Paused,
            apply: () => (T.StatusBeforeWait, T.WaitingReason) = (from, reason));
    }

    public Task<TicketReply> Resume(Actor by, string? note) =>
        Transition(TicketAction.Resume, by, note, slaEvent: SlaEventKind.Resumed,
            apply: () => (T.StatusBeforeWait, T.WaitingReason) = (null, null));

    public async Task<TicketReply> Cancel(Actor by, string reason)
    {
        var (offered, assigned) = (T.OfferedEngineerId, T.AssignedEngineerId);
        var reply = await Transition(TicketAction.Cancel, by, reason, slaEvent: SlaEventKind.Cancelled,
            apply: () => (T.OfferedEngineerId, T.AssignedEngineerId) = (null, null));
        if (reply.Refusal is null)
        {
            if (offered is not null)
            {
                await GrainFactory.GetGrain<IEngineerGrain>(offered).ReleaseOffer(Id, "ticket cancelled");
            }
            if (assigned is not null)
            {
                await GrainFactory.GetGrain<IEngineerGrain>(assigned).ReleaseJob(Id, "ticket cancelled");
            }
            if (T.Region is not null)
            {
                await Region.Withdraw(Id);
            }
        }
        return reply;
    }

    public Task<TicketReply> Reopen(Actor by, string reason)
    {
        if (T.ResolvedAt is { } resolvedAt && clock.GetUtcNow() - resolvedAt > options.Value.ReopenWindow)
        {
            return Task.FromResult(TicketReply.Refused(RefusalKind.Conflict,
                $"resolved at {resolvedAt:u}: the reopen window of {options.Value.ReopenWindow} has passed"));
        }
        return Transition(TicketAction.Reopen, by, reason, slaEvent: SlaEventKind.Reopened,
            apply: () => (T.ResolvedAt, T.Survey, T.AssignedEngineerId) = (null, null, null));
    }

    public async Task<TicketReply> RecordSurvey(Survey survey, Actor by)
    {
        if (!T.Opened)
        {
            return NotFound();
        }
        if (T.Status is not (TicketStatus.Resolved or TicketStatus.Closed) || T.Survey is not null)
        {
            return TicketReply.Refused(RefusalKind.Conflict, T.Survey is null
                ? "a survey follows resolution; this ticket is not resolved"
                : "this ticket's survey was already recorded");
        }
        var now = clock.GetUtcNow();
        T.Survey = survey;
        var details = new Dictionary<string, string> { ["csat"] = survey.Csat.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (survey.Nps is { } nps)
        {
            details["nps"] = nps.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (survey.BlamedStage is not null)
        {
            details["blamedStage"] = survey.BlamedStage;
        }
        Record(now, "ticket.survey", T.Status, T.Status, by, survey.Comment, details);
        if (Move(now, TicketAction.Close, Actor.System, "survey received").Allowed)
        {
            T.SlaMarks.Add(new SlaMark(now, SlaEventKind.Closed, "survey received"));
        }
        await Commit(now);
        await Customer.RecordSurvey(new SurveyResponse(Id, survey, now));
        await TellCustomer(now);
        return TicketReply.Of(await View(now));
    }

    public async Task<TicketReply> ChangePriority(string priority, Actor by, string reason)
    {
        if (!T.Opened)
        {
            return NotFound();
        }
        if (!Enum.TryParse<Priority>(priority, out var to) || !Enum.IsDefined(to))
        {
            return TicketReply.Refused(RefusalKind.Invalid, "one of P1, P2, P3, P4", "priority");
        }
        if (!TicketLifecycle.IsOpen(T.Status))
        {
            return TicketReply.Refused(RefusalKind.Conflict, $"a {T.Status} ticket's priority cannot change");
        }
        var now = clock.GetUtcNow();
        if (to != T.Priority)
        {
            var from = T.Priority;
            T.Priority = to;
            Record(now, "ticket.priority-changed", T.Status, T.Status, by, reason, new() { ["from"] = from.ToString(), ["to"] = to.ToString() });
            Rematch(await slaBook.CurrentAsync(), now, "priority changed");
            await Commit(now);
        }
        return TicketReply.Of(await View(now));
    }

    public async Task<TicketReply> AcknowledgeAlert(string alertId, Actor by)
    {
        if (!T.Opened)
        {
            return NotFound();
        }
        var checkpoint = alertId.StartsWith(Id + ":", StringComparison.Ordinal) ? alertId[(Id.Length + 1)..] : alertId;
        if (!T.Fired.Contains(checkpoint))
        {
            return TicketReply.Refused(RefusalKind.NotFound, $"no alert '{alertId}' on this ticket");
        }
        var now = clock.GetUtcNow();
        if (!T.Timeline.Any(e => e.What == "alert.acknowledged" && e.Details?["alert"] == alertId))
        {
            Record(now, "alert.acknowledged", null, null, by, null, new() { ["alert"] = alertId });
            await Commit(now);
        }
        return TicketReply.Of(await View(now));
    }

    public async Task<TicketView?> GetView() => T.Opened ? await View(clock.GetUtcNow()) : null;

    private async Task<TicketReply> Transition(
        TicketAction action,
        Actor by,
        string? why,
        DateTimeOffset? at = null,
        SlaEventKind? slaEvent = null,
        Action? apply = null,
        Dictionary<string, string>? details = null)
    {
        if (!T.Opened)
        {
            return NotFound();
        }
        var now = clock.GetUtcNow();
        var judged = JudgeDeviceTime(at, now);
        var happenedAt = judged.At;
        var step = Move(happenedAt, action, by, why, WithDeviceTime(details, judged));
        if (!step.Allowed)
        {
            return TicketReply.Refused(RefusalKind.Conflict, step.Refusal!);
        }
        apply?.Invoke();
        if (slaEvent is { } kind)
        {
            T.SlaMarks.Add(new SlaMark(happenedAt, kind, why));
        }
        if (T.Status == TicketStatus.Triaged)
        {
            StartDispatchingIfDue(now, "triaged");
        }
        if (T.Status != TicketStatus.Dispatching)
        {
            T.DispatchRequestedAt = null;
        }
        await Commit(now);
        if (!TicketLifecycle.IsOpen(step.To!.Value) || action == TicketAction.Reopen)
        {
            await TellCustomer(now);
        }
        return TicketReply.Of(await View(now));
    }

    /// <summary>A triaged ticket of a service type that dispatches goes straight on to dispatch.</summary>
    private void StartDispatchingIfDue(DateTimeOffset now, string why)
    {
        // Refused (and nothing changes) when the service type has no dispatch stage or the ticket is past it.
        Move(now, TicketAction.StartDispatch, Actor.System, why);
    }

    private static string WhyThisEngineer(ScoredCandidate best) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"nearest suitable: {best.DistanceMeters / 1000:0.0} km, ETA {best.Eta.TotalMinutes:0} min, score {best.Total:0.000} (eta {best.EtaCost:0.000}, skill {best.ProficiencyCost:0.000}, load {best.LoadCost:0.000}, urgency {best.UrgencyCost:0.000})");

    private Task<TicketReply> AsAssigned(string engineerId, Func<Task<TicketReply>> action) =>
        T.Opened && T.AssignedEngineerId != engineerId
            ? Task.FromResult(TicketReply.Refused(RefusalKind.Forbidden, $"engineer '{engineerId}' is not assigned to this ticket"))
            : action();

    /// <summary>The time that counts for what a phone reported (<see cref="DeviceTimeRule"/>), after the ticket's latest event.</summary>
    private DeviceTime JudgeDeviceTime(DateTimeOffset? reported, DateTimeOffset now) =>
        deviceTime.Value.Rule.Judge(reported, now, T.Timeline.Count > 0 ? T.Timeline[^1].At : T.CreatedAt);

    /// <summary>The timeline says whose time counts when a device sent one, and why when it is not the device's.</summary>
    private Dictionary<string, string>? WithDeviceTime(Dictionary<string, string>? details, DeviceTime judged)
    {
        if (judged.Reported is not { } reported)
        {
            return details;
        }
        details = details is null ? [] : new Dictionary<string, string>(details);
        details["deviceTime"] = reported.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        details["timeSource"] = judged.IsDevices ? "device" : "server";
        if (judged.Why(deviceTime.Value.Rule) is { } why)
        {
            details["timeNote"] = why;
        }
        return details;
    }

    /// <summary>
    /// The only place a ticket's status changes: to where <see cref="TicketLifecycle"/> says <paramref name="action"/>
    /// leads. A move the lifecycle refuses changes nothing; the step says why.
    /// </summary>
    private LifecycleStep Move(DateTimeOffset at, TicketAction action, Actor by, string? why, Dictionary<string, string>? details = null)
    {
        var step = TicketLifecycle.Next(T.Status, action, Service(), T.StatusBeforeWait);
        if (step.To is { } to)
        {
            var from = T.Status;
            T.Status = to;
            Record(at, $"ticket.{Name(action)}", from, to, by, why, details);
        }
        return step;
    }

    private void Record(DateTimeOffset at, string what, TicketStatus? from, TicketStatus? to, Actor by, string? why, Dictionary<string, string>? details = null) =>
        T.Timeline.Add(new TimelineEntry(T.Timeline.Count + 1, at, what, from?.ToString(), to?.ToString(), by.Name, by.Role, why, details));

    private ServiceType Service() =>
        options.Value.ServiceType(T.Request!.ServiceType) ?? new ServiceType(T.Request.ServiceType, new HashSet<ServiceStage>());

    private TicketFacts Facts() => new(T.Priority, T.CustomerTier, T.Request!.ServiceType, T.Region);

    private async Task TellCustomer(DateTimeOffset now)
    {
        try
        {
            await Customer.TrackTicket(await CustomerRecord(now));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The customer's history is a summary; the ticket remains the truth and sends it again on its next change.
            logger.LogWarning(ex, "Could not update customer {CustomerId} about ticket {TicketId}", T.Request!.CustomerId, Id);
        }
    }

    private static TicketReply NotFound() => TicketReply.Refused(RefusalKind.NotFound, "no such ticket");

    private static string Name(TicketAction action) => action switch
    {
        TicketAction.Triage => "triaged",
        TicketAction.StartDispatch => "dispatching",
        TicketAction.Offer => "offered",
        TicketAction.AcceptOffer => "accepted",
        TicketAction.LapseOffer => "offer-lapsed",
        TicketAction.Release => "released",
        TicketAction.StartTravel => "en-route",
        TicketAction.Arrive => "on-site",
        TicketAction.Resolve => "resolved",
        TicketAction.Close => "closed",
        TicketAction.Wait => "waiting",
        TicketAction.Resume => "resumed",
        TicketAction.Cancel => "cancelled",
        TicketAction.Reopen => "reopened",
        _ => action.ToString().ToLowerInvariant(),
    };
}
