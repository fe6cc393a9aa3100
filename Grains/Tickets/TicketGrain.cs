using Dispatch.Domain.Devices;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Common;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Devices;
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
    BoardFeed boardFeed,
    LiveRelay relay,
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
            var differing = RepeatedIntake.DifferingFields(T.Request!, request);
            return differing.Count == 0
                ? TicketReply.Of(await View(clock.GetUtcNow()))
                : TicketReply.Refused(RefusalKind.KeyReused,
                    $"this key already opened ticket '{Id}' with a different {string.Join(", ", differing)}; nothing was changed",
                    string.Join(",", differing));
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
        // The ticket as intake opens it, built aside until the customer has answered: a refused intake leaves nothing.
        var opening = new TicketState
        {
            Request = request,
            Priority = request.Priority,
            Status = TicketLifecycle.Initial,
            CreatedAt = now,
            Region = region.Id,
            SlaMarks = [new SlaMark(now, SlaEventKind.Created, null)],
        };
        // With no human in the loop, intake triages; the aggregate moves a triaged ticket on to dispatch where its
        // service type has that stage. A move its lifecycle refuses changes nothing.
        var ticket = new Ticket(service, deviceTime.Value.Rule, TicketRecords.Read(Id, opening));
        var first = !service.Has(ServiceStage.Triage) ? ticket.StartDispatch(TicketActor.System, "no triage stage", now)
            : options.Value.AutoTriage ? ticket.Triage(TicketActor.System, "triaged at intake", now)
            : null;
        if (first is { Refused: true })
        {
            first = null;
        }
        // One call to the customer: it keeps the ticket as it opens (a fresh ticket has spent nothing of any clock)
        // and answers the terms the SLA policy depends on.
        var opensAs = first is { Events.Count: > 0 } ? first.Events[^1].To ?? TicketLifecycle.Initial : TicketLifecycle.Initial;
        var terms = await GrainFactory.Grain<ICustomerGrain>(request.CustomerId).OpenTicket(
            new CustomerTicket(Id, request.Title, request.Priority, request.ServiceType, opensAs, now, ResolvedAt: null, SlaBreached: false, IsOpen: true));
        if (terms is null)
        {
            return TicketReply.Refused(RefusalKind.Invalid, $"unknown customer '{request.CustomerId}'", "customerId");
        }
        state.State = opening;
        T.CustomerTier = terms.Tier;
        T.ContractPolicyId = terms.ContractPolicyId;
        var book = await slaBook.CurrentAsync();
        T.PolicyId = book.PolicyFor(Facts(), T.ContractPolicyId).Id;
        T.Opened = true;
        var created = new Dictionary<string, string>
        {
            ["priority"] = request.Priority.ToString(),
            ["serviceType"] = request.ServiceType,
            ["customerId"] = request.CustomerId,
            ["slaPolicy"] = T.PolicyId,
            ["region"] = region.Id,
            // What search finds a ticket by once it has left the live board: the read side has only the log.
            ["title"] = request.Title,
            ["description"] = request.Description,
            ["channel"] = request.Channel,
        };
        if (request.ExternalId is { } externalId)
        {
            created["externalId"] = externalId;
        }
        if (request.OpenedBy is { } openedBy)
        {
            created["openedBy"] = openedBy;
        }
        Record(now, "ticket.created", null, TicketStatus.New, by, $"via {request.Channel}", created);
        if (first is not null)
        {
            Take(ticket, first);
        }
        try
        {
            await Commit(now);
        }
        catch
        {
            // The customer kept a ticket that did not open: it forgets this opening (a retry opens it anew). Should
            // this one-way call be lost with the silo, the customer's history shows the ticket open until intake is
            // retried under the same key, as a client told of the failure does.
            await Customer.WithdrawTicket(Id, now);
            throw;
        }
        return TicketReply.Of(await View(now), created: true);
    }

    public Task<TicketReply> Triage(Actor by, string? note) => Decide((ticket, now) => ticket.Triage(By(by), note, now));

    public Task<TicketReply> StartDispatch(Actor by, string? note) => Decide((ticket, now) => ticket.StartDispatch(By(by), note, now));

    public async Task<TicketAnswer> RecordOffer(string engineerId, Actor by, DateTimeOffset expiresAt, IReadOnlyList<ScoredCandidate> candidates)
    {
        var details = new Dictionary<string, string>
        {
            ["engineerId"] = engineerId,
            ["expiresAt"] = expiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["candidates"] = System.Text.Json.JsonSerializer.Serialize(candidates.Take(5), WebJson),
        };
        var best = candidates.FirstOrDefault(c => c.EngineerId == engineerId);
        var why = best is not null ? WhyThisEngineer(best) : "chosen by hand";
        var (refused, _) = await Change((ticket, now) => ticket.Offer(engineerId, expiresAt, By(by), why, details, now), best);
        if (refused is not null)
        {
            return new TicketAnswer(refused.Refusal);
        }
        Telemetry.DispatchMeters.OfferMade(T.CreatedAt, clock.GetUtcNow());
        return TicketAnswer.Taken;
    }

    private async Task PushOfferNow(string engineerId, DateTimeOffset expiresAt, ScoredCandidate? scored, (double Meters, TimeSpan Eta)? byHand)
    {
        var request = T.Request!;
        await relay.OfferMade(new OfferPush(engineerId, Id, request.Title, request.CustomerId, request.Location.Lat, request.Location.Lon,
            scored?.DistanceMeters ?? byHand?.Meters ?? 0, scored?.Eta ?? byHand?.Eta ?? TimeSpan.Zero, expiresAt, await ClockViews(_settledAt)));
    }

    public async Task<TicketReply> AssignByHand(string engineerId, Actor by, string reason)
    {
        if (!T.Opened)
        {
            return NotFound();
        }
        var now = clock.GetUtcNow();
        var expiresAt = now + dispatchOptions.Value.OfferTimeout;
        var ticket = Aggregate();
        var decision = ticket.AssignByHand(engineerId, expiresAt, By(by), reason, now);
        if (decision.Refusal is { } refusal)
        {
            return Refused(refusal);
        }
        if (decision.Events.Count > 0)
        {
            // The new engineer holds the job before anything is stored, so a refusal leaves the current offer or
            // assignment as it was.
            var engineer = Engineer(engineerId);
            var (meters, eta) = await HandOfferEstimate(engineer);
            if (!await engineer.TryReserve(new OfferRequest(Id, expiresAt, meters, eta)))
            {
                return TicketReply.Refused(RefusalKind.Conflict,
                    $"engineer '{engineerId}' cannot take this job now (unknown, offline, off shift, holding another offer, or at capacity)");
            }
            Take(ticket, decision, byHand: (meters, eta));
            await Commit(now);
        }
        return TicketReply.Of(await View(now));
    }

    public Task<TicketReply> ReleaseAssignment(string engineerId, Actor by, string why) =>
        Decide((ticket, now) => ticket.Release(engineerId, By(by), why, now));

    public Task<TicketReply> AcceptOffer(string engineerId, Actor by, DateTimeOffset? at) =>
        Decide((ticket, now) => ticket.Accept(engineerId, By(by), at, now));

    public async Task<TicketAnswer> RecordAccept(string engineerId, Actor by, DateTimeOffset? at)
    {
        var (refused, _) = await Change((ticket, now) => ticket.Accept(engineerId, By(by), at, now));
        return refused is null ? TicketAnswer.Taken : new TicketAnswer(refused.Refusal);
    }

    public Task<TicketReply> LapseOffer(string engineerId, Actor by, string why) =>
        Decide((ticket, now) => ticket.LapseOffer(engineerId, By(by), why, now));

    public Task<TicketReply> ReportEnRoute(string engineerId, Actor by, DateTimeOffset? at) =>
        Decide((ticket, now) => ticket.StartTravel(engineerId, By(by), at, now));

    public Task<TicketReply> ReportArrival(string engineerId, Actor by, DateTimeOffset? at) =>
        Decide((ticket, now) => ticket.Arrive(engineerId, By(by), at, now));

    public Task<TicketReply> Resolve(Actor by, string? notes, DateTimeOffset? at) =>
        Decide((ticket, now) => ticket.Resolve(By(by), notes, at, now));

    public Task<TicketReply> Wait(Actor by, string reason) =>
        options.Value.WaitingReasons.Contains(reason)
            ? Decide((ticket, now) => ticket.Wait(By(by), reason, now))
            : Task.FromResult(TicketReply.Refused(RefusalKind.Invalid,
                $"unknown waiting reason '{reason}'; known: {string.Join(", ", options.Value.WaitingReasons)}", "reason"));

    public Task<TicketReply> Resume(Actor by, string? note) => Decide((ticket, now) => ticket.Resume(By(by), note, now));

    public Task<TicketReply> Cancel(Actor by, string reason) => Decide((ticket, now) => ticket.Cancel(By(by), reason, now));

    public Task<TicketReply> Reopen(Actor by, string reason) =>
        Decide((ticket, now) => ticket.Reopen(By(by), reason, options.Value.ReopenWindow, now));

    public Task<TicketReply> RecordSurvey(Survey survey, Actor by) =>
        Decide((ticket, now) => ticket.RecordSurvey(TicketRecords.ToSurvey(survey), By(by), now,
            followsUpNegative: T.Request!.ServiceType != options.Value.FeedbackFollowUp.ServiceType));

    public Task<TicketReply> ConfirmCompletion(Actor by) => Decide((ticket, now) => ticket.ConfirmCompletion(By(by), now));

    public async Task<TicketReply> ChangePriority(Priority to, Actor by, string reason)
    {
        if (!Enum.IsDefined(to))
        {
            return T.Opened ? TicketReply.Refused(RefusalKind.Invalid, "one of P1, P2, P3, P4", "priority") : NotFound();
        }
        var book = await slaBook.CurrentAsync();
        return await Decide((ticket, now) => ticket.ChangePriority(to, By(by), reason, now), applied: now => Rematch(book, now, "priority changed"));
    }

    public async Task<TicketReply> AcknowledgeAlert(string alertId, Actor by)
    {
        if (!T.Opened)
        {
            return NotFound();
        }
        // An alert is one per clock ("ticket:response"); before that, one per checkpoint ("ticket:response:breach").
        var checkpoint = alertId.StartsWith(Id + ":", StringComparison.Ordinal) ? alertId[(Id.Length + 1)..] : alertId;
        var raised = T.Timeline.FindLastIndex(e => e.What is "alert.raised" or "alert.level-changed" && e.Details?.GetValueOrDefault("alert") == alertId);
        if (raised < 0 && !T.Fired.Contains(checkpoint))
        {
            return TicketReply.Refused(RefusalKind.NotFound, $"no alert '{alertId}' on this ticket");
        }
        var now = clock.GetUtcNow();
        // Once per level it reached: an alert that rose again after an acknowledgement is acknowledged anew.
        if (!T.Timeline.Skip(raised + 1).Any(e => e.What == "alert.acknowledged" && e.Details?.GetValueOrDefault("alert") == alertId))
        {
            Record(now, "alert.acknowledged", null, null, by, null, new() { ["alert"] = alertId });
            await Commit(now);
        }
        return TicketReply.Of(await View(now));
    }

    public async Task<TicketView?> GetView() => T.Opened ? await View(clock.GetUtcNow()) : null;

    private static string WhyThisEngineer(ScoredCandidate best) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"nearest suitable: {best.DistanceMeters / 1000:0.0} km, ETA {best.Eta.TotalMinutes:0} min, score {best.Total:0.000} (eta {best.EtaCost:0.000}, skill {best.ProficiencyCost:0.000}, load {best.LoadCost:0.000}, urgency {best.UrgencyCost:0.000})");

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
}
