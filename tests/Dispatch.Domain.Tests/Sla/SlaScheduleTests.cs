using Dispatch.Domain.Sla;
using NodaTime;
using static Dispatch.Domain.Tests.Sla.Sample;

namespace Dispatch.Domain.Tests.Sla;

public class SlaScheduleTests
{
    private static readonly Instant Created = Utc(2026, 3, 2, 8);
    private static readonly CalendarBook Calendars = new([AlwaysOpen, OfficeHours("office", "Europe/Berlin")]);
    private static readonly SlaPolicy ResponseIn2Hours = Policy("p", PolicyMatch.Any, new SlaTarget(SlaMetric.Response, Duration.FromHours(2), "24x7"));

    private static IReadOnlyList<(string Id, Instant DueAt)> Schedule(SlaPolicy policy, Instant now, params SlaEvent[] timeline) =>
        [.. SlaSchedule.Checkpoints(policy, Calendars, timeline, now).Select(c => (c.Id, c.DueAt))];

    [Fact]
    public void Percent_and_after_breach_steps_are_due_at_exact_instants_on_a_24x7_clock()
    {
        var checkpoints = Schedule(ResponseIn2Hours, Created, At(Created, SlaEventKind.Created));

        Assert.Equal(
            [
                ("response:warn-50", Utc(2026, 3, 2, 9)),
                ("response:warn-75", Utc(2026, 3, 2, 9, 30)),
                ("response:warn-90", Utc(2026, 3, 2, 9, 48)),
                ("response:breach", Utc(2026, 3, 2, 10)),
                ("response:supervisor", Utc(2026, 3, 2, 10, 30)),
                ("response:director", Utc(2026, 3, 2, 12)),
            ],
            checkpoints);
    }

    [Fact]
    public void Checkpoints_cross_the_closed_night_at_the_business_time_instant()
    {
        // Berlin office hours, CET = UTC+1. Created Monday 15:00 with 4 business hours to resolve.
        var policy = Policy("p", PolicyMatch.Any, new SlaTarget(SlaMetric.Resolution, Duration.FromHours(4), "office"));
        var created = Utc(2026, 3, 2, 14);

        var checkpoints = Schedule(policy, created, At(created, SlaEventKind.Created));

        Assert.Equal(
            [
                ("resolution:warn-50", Utc(2026, 3, 2, 16)), // Monday 17:00, at closing, not Tuesday 09:00
                ("resolution:warn-75", Utc(2026, 3, 3, 9)), // Tuesday 10:00
                ("resolution:warn-90", Utc(2026, 3, 3, 9, 36)),
                ("resolution:breach", Utc(2026, 3, 3, 10)),
                ("resolution:supervisor", Utc(2026, 3, 3, 10, 30)),
                ("resolution:director", Utc(2026, 3, 3, 12)),
            ],
            checkpoints);
    }

    [Fact]
    public void After_breach_offsets_are_business_time_and_wait_for_the_next_opening()
    {
        // Created Monday 12:00 CET with 4 business hours: breach 16:00, +30 min 16:30, +2 h is Tuesday 10:00.
        var policy = Policy("p", PolicyMatch.Any, new SlaTarget(SlaMetric.Response, Duration.FromHours(4), "office"));
        var created = Utc(2026, 3, 2, 11);

        var checkpoints = SlaSchedule.Checkpoints(policy, Calendars, [At(created, SlaEventKind.Created)], created);

        Assert.Equal(Utc(2026, 3, 2, 15), checkpoints.Single(c => c.Step.Id == "breach").DueAt);
        Assert.Equal(Utc(2026, 3, 2, 15, 30), checkpoints.Single(c => c.Step.Id == "supervisor").DueAt);
        Assert.Equal(Utc(2026, 3, 3, 9), checkpoints.Single(c => c.Step.Id == "director").DueAt);
    }

    [Fact]
    public void Past_checkpoints_stay_in_the_schedule_so_overdue_ones_fire_in_order()
    {
        var checkpoints = Schedule(ResponseIn2Hours, Utc(2026, 3, 2, 11), At(Created, SlaEventKind.Created));

        Assert.Equal(6, checkpoints.Count);
        Assert.Equal(["response:warn-50", "response:warn-75", "response:warn-90", "response:breach", "response:supervisor"], checkpoints.Where(c => c.DueAt <= Utc(2026, 3, 2, 11)).Select(c => c.Id));
    }

    [Fact]
    public void A_paused_clock_keeps_only_the_checkpoints_it_already_reached_and_resuming_shifts_the_rest()
    {
        var created = At(Created, SlaEventKind.Created);
        var paused = At(Utc(2026, 3, 2, 9, 10), SlaEventKind.Paused, "waiting for parts");

        Assert.Equal([("response:warn-50", Utc(2026, 3, 2, 9))], Schedule(ResponseIn2Hours, Utc(2026, 3, 2, 9, 30), created, paused));

        var resumed = At(Utc(2026, 3, 2, 10, 10), SlaEventKind.Resumed);
        Assert.Equal(
            [
                ("response:warn-50", Utc(2026, 3, 2, 9)),
                ("response:warn-75", Utc(2026, 3, 2, 10, 30)),
                ("response:warn-90", Utc(2026, 3, 2, 10, 48)),
                ("response:breach", Utc(2026, 3, 2, 11)),
                ("response:supervisor", Utc(2026, 3, 2, 11, 30)),
                ("response:director", Utc(2026, 3, 2, 13)),
            ],
            Schedule(ResponseIn2Hours, Utc(2026, 3, 2, 10, 15), created, paused, resumed));
    }

    [Fact]
    public void A_met_clock_has_no_checkpoints_after_its_stop()
    {
        var checkpoints = Schedule(ResponseIn2Hours, Utc(2026, 3, 2, 12), At(Created, SlaEventKind.Created), At(Utc(2026, 3, 2, 9, 20), SlaEventKind.OfferAccepted));

        Assert.Equal([("response:warn-50", Utc(2026, 3, 2, 9))], checkpoints);
    }

    [Fact]
    public void A_cancelled_ticket_schedules_nothing_new()
    {
        var checkpoints = Schedule(ResponseIn2Hours, Utc(2026, 3, 2, 12), At(Created, SlaEventKind.Created), At(Utc(2026, 3, 2, 8, 50), SlaEventKind.Cancelled));

        Assert.Empty(checkpoints);
    }

    [Fact]
    public void Each_offer_gets_its_own_accept_checkpoints()
    {
        var policy = Policy("p", PolicyMatch.Any, new SlaTarget(SlaMetric.Accept, Duration.FromMinutes(20), "24x7"));
        var timeline = new List<SlaEvent> { At(Created, SlaEventKind.Created) };

        Assert.Empty(Schedule(policy, Utc(2026, 3, 2, 8, 1), [.. timeline]));

        timeline.Add(At(Utc(2026, 3, 2, 8, 5), SlaEventKind.OfferMade));
        var first = Schedule(policy, Utc(2026, 3, 2, 8, 6), [.. timeline]);
        Assert.Equal(("accept:warn-50@2026-03-02T08:05:00Z", Utc(2026, 3, 2, 8, 15)), first[0]);

        timeline.Add(At(Utc(2026, 3, 2, 8, 10), SlaEventKind.OfferDeclined));
        timeline.Add(At(Utc(2026, 3, 2, 8, 30), SlaEventKind.OfferMade));
        var second = Schedule(policy, Utc(2026, 3, 2, 8, 31), [.. timeline]);
        Assert.Equal(6, second.Count);
        Assert.All(second, c => Assert.EndsWith("@2026-03-02T08:30:00Z", c.Id, StringComparison.Ordinal));
        Assert.Equal(("accept:breach@2026-03-02T08:30:00Z", Utc(2026, 3, 2, 8, 50)), second[3]);
    }

    [Fact]
    public void Steps_limited_to_some_metrics_apply_only_to_those_clocks_and_ties_keep_policy_order()
    {
        var ladder = new EscalationLadder(
        [
            new EscalationStep("breach", new PercentOfTarget(100), EscalationKind.Breach, 1, [new AlertRole("dispatcher")]),
            new EscalationStep("late-fix", new AfterBreach(Duration.Zero), EscalationKind.Escalation, 2, [new AlertRole("supervisor")], [SlaMetric.Resolution]),
        ]);
        var policy = new SlaPolicy(
            "p",
            "p",
            PolicyMatch.Any,
            [new SlaTarget(SlaMetric.Response, Duration.FromHours(2), "24x7"), new SlaTarget(SlaMetric.Resolution, Duration.FromHours(2), "24x7")],
            ladder);

        var checkpoints = Schedule(policy, Created, At(Created, SlaEventKind.Created));

        Assert.Equal(
            [("response:breach", Utc(2026, 3, 2, 10)), ("resolution:breach", Utc(2026, 3, 2, 10)), ("resolution:late-fix", Utc(2026, 3, 2, 10))],
            checkpoints);
    }

    [Fact]
    public void A_late_event_moves_the_checkpoints_on_recomputation()
    {
        var created = At(Created, SlaEventKind.Created);
        var before = Schedule(ResponseIn2Hours, Utc(2026, 3, 2, 9, 30), created);
        Assert.Equal(Utc(2026, 3, 2, 10), before.Single(c => c.Id == "response:breach").DueAt);

        // A pause from 08:10 to 08:40 is recorded late.
        var after = Schedule(
            ResponseIn2Hours,
            Utc(2026, 3, 2, 9, 30),
            created,
            At(Utc(2026, 3, 2, 8, 40), SlaEventKind.Resumed),
            At(Utc(2026, 3, 2, 8, 10), SlaEventKind.Paused, "customer not home"));
        Assert.Equal(Utc(2026, 3, 2, 10, 30), after.Single(c => c.Id == "response:breach").DueAt);
        Assert.Equal(Utc(2026, 3, 2, 9, 30), after.Single(c => c.Id == "response:warn-50").DueAt);
    }
}
