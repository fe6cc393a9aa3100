using Dispatch.Domain.Sla;
using NodaTime;
using static Dispatch.Domain.Tests.Sla.Sample;

namespace Dispatch.Domain.Tests.Sla;

public class RuleScheduleTests
{
    private static readonly Instant Created = Utc(2026, 3, 2, 8);

    private static readonly EscalationRule VipP1NotAccepted = new(
        "vip-p1-unaccepted",
        "VIP P1 not taken within 2 hours",
        new RuleCondition(Tiers: [CustomerTiers.Vip], Priorities: [Priority.P1], NotReached: SlaEventKind.OfferAccepted),
        Duration.FromHours(2),
        [new AlertRole("director")],
        Level: 3);

    private static readonly EscalationRule RepairOpenAllDay = new(
        "repair-8h",
        "Repair open for 8 hours",
        new RuleCondition(ServiceTypes: ["repair"]),
        Duration.FromHours(8),
        [new AlertRole("supervisor")],
        Level: 2);

    private static readonly EscalationRule[] Rules = [RepairOpenAllDay, VipP1NotAccepted];
    private static readonly TicketFacts VipP1Repair = new(Priority.P1, "vip", "repair", "north");

    [Fact]
    public void Matching_rules_are_due_on_wall_clock_time_since_creation()
    {
        var checkpoints = RuleSchedule.Checkpoints(Rules, VipP1Repair, [At(Created, SlaEventKind.Created)]);

        Assert.Equal(
            [("rule:vip-p1-unaccepted", Utc(2026, 3, 2, 10)), ("rule:repair-8h", Utc(2026, 3, 2, 16))],
            checkpoints.Select(c => (c.Id, c.DueAt)));
        Assert.Equal(3, checkpoints[0].Rule.Level);
    }

    [Fact]
    public void Every_condition_must_hold()
    {
        var standard = VipP1Repair with { CustomerTier = "standard" };
        var p2 = VipP1Repair with { Priority = Priority.P2 };

        Assert.Equal(["rule:repair-8h"], RuleSchedule.Checkpoints(Rules, standard, [At(Created, SlaEventKind.Created)]).Select(c => c.Id));
        Assert.Equal(["rule:repair-8h"], RuleSchedule.Checkpoints(Rules, p2, [At(Created, SlaEventKind.Created)]).Select(c => c.Id));
    }

    [Fact]
    public void A_rule_disappears_once_its_milestone_is_reached()
    {
        var checkpoints = RuleSchedule.Checkpoints(
            Rules,
            VipP1Repair,
            [At(Created, SlaEventKind.Created), At(Utc(2026, 3, 2, 9), SlaEventKind.OfferMade), At(Utc(2026, 3, 2, 9, 5), SlaEventKind.OfferAccepted)]);

        Assert.Equal(["rule:repair-8h"], checkpoints.Select(c => c.Id));
    }

    [Fact]
    public void Pauses_do_not_delay_a_rule_because_the_customer_is_still_waiting()
    {
        var checkpoints = RuleSchedule.Checkpoints(
            [VipP1NotAccepted],
            VipP1Repair,
            [At(Created, SlaEventKind.Created), At(Utc(2026, 3, 2, 8, 30), SlaEventKind.Paused), At(Utc(2026, 3, 2, 9, 30), SlaEventKind.Resumed)]);

        Assert.Equal(Utc(2026, 3, 2, 10), Assert.Single(checkpoints).DueAt);
    }

    [Fact]
    public void Finished_or_uncreated_tickets_have_no_rule_checkpoints()
    {
        Assert.Empty(RuleSchedule.Checkpoints(Rules, VipP1Repair, []));
        Assert.Empty(RuleSchedule.Checkpoints(Rules, VipP1Repair, [At(Created, SlaEventKind.Created), At(Utc(2026, 3, 2, 9), SlaEventKind.Cancelled)]));
        Assert.Empty(RuleSchedule.Checkpoints(Rules, VipP1Repair, [At(Created, SlaEventKind.Created), At(Utc(2026, 3, 2, 9), SlaEventKind.Resolved)]));
        Assert.Equal(
            2,
            RuleSchedule.Checkpoints(
                Rules,
                VipP1Repair,
                [At(Created, SlaEventKind.Created), At(Utc(2026, 3, 2, 9), SlaEventKind.Resolved), At(Utc(2026, 3, 2, 9, 30), SlaEventKind.Reopened)]).Count);
    }
}
