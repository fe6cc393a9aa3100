using Dispatch.Domain.Devices;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;

namespace Dispatch.Domain.Tests.Tickets;

public sealed class TicketAggregateTests
{
    private static readonly ServiceType Repair = new("repair", new HashSet<ServiceStage> { ServiceStage.Triage, ServiceStage.Dispatch, ServiceStage.OnSite, ServiceStage.FollowUp });
    private static readonly ServiceType Consultation = new("consultation", new HashSet<ServiceStage> { ServiceStage.Triage });
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly TicketActor Ann = new("ann", "dispatcher");
    private static readonly TicketActor Eve = new("eng-1", "engineer");

    [Fact]
    public void A_command_changes_nothing_until_its_events_are_applied()
    {
        var ticket = New(Repair);

        var decision = ticket.Triage(Ann, "looked at it", Start);

        Assert.False(decision.Refused);
        Assert.Equal(TicketStatus.New, ticket.State.Status);
        Apply(ticket, decision);
        Assert.Equal(TicketStatus.Dispatching, ticket.State.Status);
    }

    [Fact]
    public void A_refused_command_has_no_events_or_effects_and_changes_nothing()
    {
        var ticket = New(Repair);
        var before = Snapshot(ticket);

        var decision = ticket.Accept("eng-1", Eve, null, Start);

        Assert.True(decision.Refused);
        Assert.Equal(RefusalCause.NotNow, decision.Refusal!.Cause);
        Assert.Equal("a repair ticket that is new cannot be accepted", decision.Refusal.Why);
        Assert.Empty(decision.Events);
        Assert.Empty(decision.Effects);
        Assert.Equal(before, Snapshot(ticket));
    }

    [Fact]
    public void Only_the_engineer_it_concerns_may_accept_lapse_or_report()
    {
        var ticket = Offered(Repair, "eng-1");

        Assert.Equal(RefusalCause.NotYours, ticket.Accept("eng-2", Eve, null, Start).Refusal!.Cause);
        Assert.Equal(RefusalCause.NotYours, ticket.LapseOffer("eng-2", Eve, "declined", Start).Refusal!.Cause);
        Apply(ticket, ticket.Accept("eng-1", Eve, null, Start.AddMinutes(1)));
        Assert.Equal(RefusalCause.NotYours, ticket.Arrive("eng-2", Eve, null, Start).Refusal!.Cause);
        Assert.Equal(RefusalCause.NotYours, ticket.Release("eng-2", Eve, "offline", Start).Refusal!.Cause);
        Assert.Equal(TicketStatus.Accepted, ticket.State.Status);
    }

    [Fact]
    public void An_accept_before_the_offer_is_recorded_is_early_unless_the_engineer_already_let_this_ticket_go()
    {
        var ticket = Dispatching(Repair);
        var before = Snapshot(ticket);

        var early = ticket.Accept("eng-1", Eve, null, Start);
        Assert.Equal(RefusalCause.NotYet, early.Refusal!.Cause);
        Assert.Equal(before, Snapshot(ticket));

        Apply(ticket, ticket.Offer("eng-1", Start.AddMinutes(2), TicketActor.System, "nearest", null, Start));
        Apply(ticket, ticket.LapseOffer("eng-1", Eve, "declined", Start.AddSeconds(10)));
        Assert.Equal(TicketStatus.Dispatching, ticket.State.Status);
        Assert.Equal(RefusalCause.NotNow, ticket.Accept("eng-1", Eve, null, Start.AddSeconds(20)).Refusal!.Cause);
    }

    [Fact]
    public void Triage_goes_straight_on_to_dispatch_for_a_service_that_dispatches()
    {
        var decision = New(Repair).Triage(Ann, null, Start);

        Assert.Equal(["ticket.triaged", "ticket.dispatching"], decision.Events.Select(e => e.What));
        Assert.Equal(TicketActor.System, decision.Events[1].By);
        Assert.Empty(decision.Effects);

        var consultation = New(Consultation).Triage(Ann, null, Start);
        Assert.Equal(["ticket.triaged"], consultation.Events.Select(e => e.What));
    }

    [Fact]
    public void An_offer_names_the_engineer_marks_the_sla_and_is_pushed()
    {
        var ticket = Dispatching(Repair);
        var expires = Start.AddMinutes(2);

        var decision = ticket.Offer("eng-1", expires, TicketActor.System, "nearest", new Dictionary<string, string> { ["engineerId"] = "eng-1" }, Start);

        var moved = Assert.IsType<TicketMoved>(Assert.Single(decision.Events));
        Assert.Equal((TicketStatus.Dispatching, TicketStatus.Offered, "eng-1"), (moved.MovedFrom, moved.MovedTo, moved.EngineerId));
        Assert.Equal(new PushOffer("eng-1", expires), Assert.Single(decision.Effects));
        Apply(ticket, decision);
        Assert.Equal(("eng-1", (DateTimeOffset?)expires), (ticket.State.OfferedEngineerId, ticket.State.OfferExpiresAt));
        Assert.Equal(SlaEventKind.OfferMade, ticket.State.Marks[^1].Kind);
    }

    [Fact]
    public void Accepting_assigns_the_engineer_and_tells_the_board_how_long_it_took()
    {
        var ticket = Offered(Repair, "eng-1");

        var decision = ticket.Accept("eng-1", Eve, null, Start.AddSeconds(40));

        Assert.Equal(new OfferTaken("eng-1", Start, Start.AddSeconds(40)), Assert.Single(decision.Effects));
        Apply(ticket, decision);
        Assert.Equal(("eng-1", (string?)null), (ticket.State.AssignedEngineerId, ticket.State.OfferedEngineerId));
    }

    [Fact]
    public void An_accept_sent_again_by_the_engineer_who_holds_the_job_is_done_without_new_events()
    {
        var ticket = Offered(Repair, "eng-1");
        Apply(ticket, ticket.Accept("eng-1", Eve, null, Start.AddSeconds(40)));

        var again = ticket.Accept("eng-1", Eve, null, Start.AddSeconds(50));
        var other = ticket.Accept("eng-2", new TicketActor("eng-2", "engineer"), null, Start.AddSeconds(50));

        Assert.Null(again.Refusal);
        Assert.Empty(again.Events);
        Assert.Empty(again.Effects);
        Assert.NotNull(other.Refusal);
    }

    [Fact]
    public void An_expired_offer_returns_to_dispatch_and_never_goes_to_that_engineer_again()
    {
        var ticket = Offered(Repair, "eng-1");

        var decision = ticket.LapseOffer("eng-1", TicketActor.System, "expired", Start.AddMinutes(2));

        Apply(ticket, decision);
        Assert.Equal(TicketStatus.Dispatching, ticket.State.Status);
        Assert.Equal(["eng-1"], ticket.State.Excluded);
        Assert.Null(ticket.State.OfferedEngineerId);
        Assert.Equal(SlaEventKind.OfferExpired, ticket.State.Marks[^1].Kind);
    }

    [Fact]
    public void Resolving_a_repair_frees_the_engineer_and_waits_for_the_survey()
    {
        var ticket = OnSite(Repair, "eng-1");

        var decision = ticket.Resolve(Eve, "fixed", null, Start.AddHours(1));

        Assert.Equal(["ticket.resolved"], decision.Events.Select(e => e.What));
        Assert.Equal([new ResolutionCounted(Start.AddHours(1)), new CompleteJob("eng-1"), new TellCustomer()], decision.Effects);
        Apply(ticket, decision);
        Assert.Equal((TicketStatus.Resolved, (DateTimeOffset?)Start.AddHours(1)), (ticket.State.Status, ticket.State.ResolvedAt));
    }

    [Fact]
    public void A_service_without_follow_up_closes_in_the_same_decision_and_the_customer_hears_once()
    {
        var ticket = New(Consultation);
        Apply(ticket, ticket.Triage(Ann, null, Start));

        var decision = ticket.Resolve(Ann, "answered", null, Start.AddMinutes(5));

        Assert.Equal(["ticket.resolved", "ticket.closed"], decision.Events.Select(e => e.What));
        Assert.Single(decision.Effects.OfType<TellCustomer>());
        Apply(ticket, decision);
        Assert.Equal(TicketStatus.Closed, ticket.State.Status);
        Assert.Equal([SlaEventKind.Resolved, SlaEventKind.Closed], ticket.State.Marks.Select(m => m.Kind));
    }

    [Fact]
    public void Waiting_pauses_and_resuming_returns_to_where_the_ticket_was()
    {
        var ticket = OnSite(Repair, "eng-1");

        Apply(ticket, ticket.Wait(Eve, "parts", Start.AddMinutes(30)));
        Assert.Equal((TicketStatus.Waiting, (TicketStatus?)TicketStatus.OnSite, "parts"), (ticket.State.Status, ticket.State.StatusBeforeWait, ticket.State.WaitingReason));
        Assert.True(ticket.Wait(Eve, "parts", Start.AddMinutes(31)).Refused);

        Apply(ticket, ticket.Resume(Eve, null, Start.AddHours(2)));
        Assert.Equal((TicketStatus.OnSite, (TicketStatus?)null, (string?)null), (ticket.State.Status, ticket.State.StatusBeforeWait, ticket.State.WaitingReason));
        Assert.Equal([SlaEventKind.Paused, SlaEventKind.Resumed], ticket.State.Marks.TakeLast(2).Select(m => m.Kind));
    }

    [Fact]
    public void Cancelling_lets_the_offered_engineer_go_and_leaves_the_region_queue()
    {
        var ticket = Offered(Repair, "eng-1");

        var decision = ticket.Cancel(Ann, "duplicate", Start.AddMinutes(1));

        Assert.Equal([new ReleaseEngineer("eng-1", false, "ticket cancelled"), new WithdrawFromRegion(), new TellCustomer()], decision.Effects);
        Apply(ticket, decision);
        Assert.Equal((TicketStatus.Cancelled, (string?)null), (ticket.State.Status, ticket.State.OfferedEngineerId));
        Assert.True(ticket.Reopen(Ann, "again", TimeSpan.FromDays(7), Start.AddMinutes(2)).Refused);
    }

    [Fact]
    public void Reopening_is_refused_after_its_window_and_otherwise_goes_back_to_dispatch()
    {
        var ticket = OnSite(Repair, "eng-1");
        Apply(ticket, ticket.Resolve(Eve, null, null, Start.AddHours(1)));
        var window = TimeSpan.FromDays(7);

        var late = ticket.Reopen(Ann, "still broken", window, Start.AddHours(1) + window + TimeSpan.FromSeconds(1));
        Assert.Equal(RefusalCause.NotNow, late.Refusal!.Cause);
        Assert.Contains("reopen window", late.Refusal.Why, StringComparison.Ordinal);

        var decision = ticket.Reopen(Ann, "still broken", window, Start.AddDays(1));
        Assert.Equal(["ticket.reopened", "ticket.dispatching"], decision.Events.Select(e => e.What));
        Assert.Contains(new TellCustomer(), decision.Effects);
        Apply(ticket, decision);
        Assert.Equal((TicketStatus.Dispatching, (string?)null, (DateTimeOffset?)null), (ticket.State.Status, ticket.State.AssignedEngineerId, ticket.State.ResolvedAt));
    }

    [Fact]
    public void A_survey_closes_a_resolved_ticket_is_taken_once_and_is_cleared_by_a_reopen()
    {
        var ticket = OnSite(Repair, "eng-1");
        var survey = new TicketSurvey(4, 9, "quick", "dispatch");
        Assert.Equal("a survey follows resolution; this ticket is not resolved", ticket.RecordSurvey(survey, Ann, Start.AddHours(1)).Refusal!.Why);
        Apply(ticket, ticket.Resolve(Eve, null, null, Start.AddHours(1)));

        var decision = ticket.RecordSurvey(survey, Ann, Start.AddHours(2));

        Assert.Equal(["ticket.survey", "ticket.closed"], decision.Events.Select(e => e.What));
        Assert.Equal(new Dictionary<string, string> { ["csat"] = "4", ["nps"] = "9", ["blamedStage"] = "dispatch" }, decision.Events[0].Details);
        Assert.Equal([new SurveyTaken(survey, Start.AddHours(2)), new TellCustomer()], decision.Effects);
        Apply(ticket, decision);
        Assert.Equal((TicketStatus.Closed, survey), (ticket.State.Status, ticket.State.Survey));
        Assert.Equal("this ticket's survey was already recorded", ticket.RecordSurvey(survey, Ann, Start.AddHours(3)).Refusal!.Why);

        Apply(ticket, ticket.Reopen(Ann, "broke again", TimeSpan.FromDays(7), Start.AddHours(4)));
        Assert.Null(ticket.State.Survey);
    }

    [Fact]
    public void A_phones_time_counts_within_the_offline_window_and_the_timeline_says_so()
    {
        var ticket = Offered(Repair, "eng-1");
        var received = Start.AddMinutes(30);

        var decision = ticket.Accept("eng-1", Eve, Start.AddMinutes(10), received);

        var moved = Assert.IsType<TicketMoved>(Assert.Single(decision.Events));
        Assert.Equal(Start.AddMinutes(10), moved.At);
        Assert.Equal(received, moved.RecordedAt);
        Assert.Equal("device", moved.Details!["timeSource"]);
        Apply(ticket, decision);
        Assert.Equal(Start.AddMinutes(10), ticket.State.Marks[^1].At);
    }

    [Fact]
    public void A_phones_time_before_the_event_it_follows_does_not_count()
    {
        var ticket = Offered(Repair, "eng-1");
        var received = Start.AddMinutes(30);

        var decision = ticket.Accept("eng-1", Eve, Start.AddMinutes(-1), received);

        var moved = Assert.IsType<TicketMoved>(Assert.Single(decision.Events));
        Assert.Equal(received, moved.At);
        Assert.Equal("server", moved.Details!["timeSource"]);
        Assert.Equal("the device's time was before the event it follows", moved.Details["timeNote"]);
    }

    [Fact]
    public void A_hand_assignment_lapses_the_current_offer_and_offers_the_chosen_engineer()
    {
        var ticket = Offered(Repair, "eng-1");
        var expires = Start.AddMinutes(3);

        var decision = ticket.AssignByHand("eng-2", expires, Ann, "knows the site", Start.AddMinutes(1));

        Assert.Equal(["ticket.assigned-by-hand", "ticket.offer-lapsed", "ticket.offered"], decision.Events.Select(e => e.What));
        Assert.Equal(
            [new ReleaseEngineer("eng-1", HeldTheJob: false, "reassigned by a dispatcher"), new WithdrawFromRegion(), new PushOffer("eng-2", expires)],
            decision.Effects);
        Apply(ticket, decision);
        Assert.Equal((TicketStatus.Offered, "eng-2", expires), (ticket.State.Status, ticket.State.OfferedEngineerId, ticket.State.OfferExpiresAt));
        Assert.Empty(ticket.State.Excluded); // a dispatcher's choice is no verdict on the engineer passed over
        Assert.Equal([SlaEventKind.OfferMade, SlaEventKind.OfferDeclined, SlaEventKind.OfferMade], ticket.State.Marks.Select(m => m.Kind));
    }

    [Fact]
    public void A_hand_assignment_takes_an_accepted_job_back_and_starts_a_new_ticket_dispatching()
    {
        var accepted = Offered(Repair, "eng-1");
        Apply(accepted, accepted.Accept("eng-1", Eve, null, Start.AddMinutes(1)));

        var taken = accepted.AssignByHand("eng-2", Start.AddMinutes(5), Ann, "closer", Start.AddMinutes(2));

        Assert.Equal(["ticket.assigned-by-hand", "ticket.released", "ticket.offered"], taken.Events.Select(e => e.What));
        Assert.Contains(new ReleaseEngineer("eng-1", HeldTheJob: true, "reassigned by a dispatcher"), taken.Effects);
        Apply(accepted, taken);
        Assert.Equal((TicketStatus.Offered, null, "eng-2"), (accepted.State.Status, accepted.State.AssignedEngineerId, accepted.State.OfferedEngineerId));

        var fresh = New(Repair).AssignByHand("eng-3", Start.AddMinutes(2), Ann, "regular", Start);
        Assert.Equal(["ticket.assigned-by-hand", "ticket.dispatching", "ticket.offered"], fresh.Events.Select(e => e.What));
        Assert.Equal([new WithdrawFromRegion(), new PushOffer("eng-3", Start.AddMinutes(2))], fresh.Effects);
    }

    [Fact]
    public void A_hand_assignment_to_whoever_holds_the_ticket_changes_nothing_and_past_the_site_it_is_refused()
    {
        var offered = Offered(Repair, "eng-1");
        var same = offered.AssignByHand("eng-1", Start.AddMinutes(3), Ann, "again", Start);
        Assert.False(same.Refused);
        Assert.Empty(same.Events);
        Assert.Empty(same.Effects);

        var onSite = OnSite(Repair, "eng-1");
        var before = Snapshot(onSite);
        var refused = onSite.AssignByHand("eng-2", Start.AddMinutes(30), Ann, "too late", Start.AddMinutes(25));
        Assert.Equal(RefusalCause.NotNow, refused.Refusal!.Cause);
        Assert.Equal("a repair ticket that is on site cannot be assigned", refused.Refusal.Why);
        Assert.Equal(before, Snapshot(onSite));
    }

    [Fact]
    public void A_priority_changes_while_the_ticket_is_open_and_only_when_it_differs()
    {
        var ticket = Dispatching(Repair);

        var raised = ticket.ChangePriority(Priority.P1, Ann, "hospital", Start);

        var changed = Assert.IsType<PriorityChanged>(Assert.Single(raised.Events));
        Assert.Equal(new Dictionary<string, string> { ["from"] = "P3", ["to"] = "P1" }, changed.Details);
        Assert.Equal((TicketStatus.Dispatching, TicketStatus.Dispatching), (changed.From, changed.To));
        Apply(ticket, raised);
        Assert.Equal(Priority.P1, ticket.State.Priority);
        Assert.Empty(ticket.ChangePriority(Priority.P1, Ann, "again", Start).Events);

        var closed = OnSite(new ServiceType("install", new HashSet<ServiceStage> { ServiceStage.Dispatch, ServiceStage.OnSite }), "eng-1");
        Apply(closed, closed.Resolve(Eve, null, null, Start.AddMinutes(40)));
        Assert.Equal(TicketStatus.Closed, closed.State.Status);
        Assert.Equal(RefusalCause.NotNow, closed.ChangePriority(Priority.P2, Ann, "late", Start.AddMinutes(41)).Refusal!.Cause);
    }

    [Fact]
    public void An_offer_nobody_answered_lapses_its_engineer_is_let_go_and_never_offered_it_again()
    {
        var ticket = Offered(Repair, "eng-1");

        var expired = ticket.ExpireOffer(Start.AddMinutes(2));

        var moved = Assert.IsType<TicketMoved>(Assert.Single(expired.Events));
        Assert.Equal((TicketAction.LapseOffer, "expired", SlaEventKind.OfferExpired), (moved.Action, moved.Why, moved.Mark));
        Assert.Equal(new ReleaseEngineer("eng-1", HeldTheJob: false, "offer expired"), Assert.Single(expired.Effects));
        Apply(ticket, expired);
        Assert.Equal((TicketStatus.Dispatching, null), (ticket.State.Status, ticket.State.OfferedEngineerId));
        Assert.Equal(["eng-1"], ticket.State.Excluded);
        Assert.Equal(RefusalCause.NotNow, ticket.ExpireOffer(Start.AddMinutes(3)).Refusal!.Cause);
    }

    private static Ticket New(ServiceType service) => new(service, DeviceTimeRule.Default, new TicketRecord { LastEventAt = Start.AddMinutes(-5) });

    private static Ticket Dispatching(ServiceType service)
    {
        var ticket = New(service);
        Apply(ticket, ticket.StartDispatch(TicketActor.System, null, Start.AddMinutes(-4)));
        return ticket;
    }

    private static Ticket Offered(ServiceType service, string engineerId)
    {
        var ticket = Dispatching(service);
        Apply(ticket, ticket.Offer(engineerId, Start.AddMinutes(2), TicketActor.System, "nearest", null, Start));
        return ticket;
    }

    private static Ticket OnSite(ServiceType service, string engineerId)
    {
        var ticket = Offered(service, engineerId);
        Apply(ticket, ticket.Accept(engineerId, Eve, null, Start.AddMinutes(1)));
        Apply(ticket, ticket.Arrive(engineerId, Eve, null, Start.AddMinutes(20)));
        return ticket;
    }

    private static void Apply(Ticket ticket, Decision decision)
    {
        Assert.False(decision.Refused, decision.Refusal?.Why);
        foreach (var e in decision.Events)
        {
            ticket.Apply(e);
        }
    }

    private static string Snapshot(Ticket ticket)
    {
        var s = ticket.State;
        return $"{s.Status}|{s.StatusBeforeWait}|{s.WaitingReason}|{s.OfferedEngineerId}|{s.OfferExpiresAt}|{s.AssignedEngineerId}|" +
            $"{string.Join(",", s.Excluded)}|{s.ResolvedAt}|{s.Survey}|{s.Marks.Count}|{s.LastEventAt}";
    }
}
