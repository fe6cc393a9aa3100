using Dispatch.Domain.Devices;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using NodaTime;

namespace Dispatch.Domain.Tests.Tickets;

/// <summary>What a due checkpoint means to the ticket: the timeline, its one alert per clock, the level, the actions.</summary>
public sealed class TicketEscalationTests
{
    private static readonly ServiceType Repair = new("repair", new HashSet<ServiceStage> { ServiceStage.Triage, ServiceStage.Dispatch, ServiceStage.OnSite, ServiceStage.FollowUp });
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static readonly EscalationStep Warning = new("warn-80", new PercentOfTarget(80), EscalationKind.Warning, 1, [new AlertRole("dispatcher")]);
    private static readonly EscalationStep Breach = new("breach", new PercentOfTarget(100), EscalationKind.Breach, 2,
        [new AlertRole("supervisor"), new RaisePriority(), new WidenSearch(2)], AcknowledgeWithin: Duration.FromMinutes(10));
    private static readonly LadderLevel Director = new(3, ["director"], Duration.FromMinutes(15));

    [Fact]
    public void A_warning_raises_the_clocks_alert_without_raising_the_escalation_level()
    {
        var ticket = New();

        var decision = ticket.ReachSlaStep(Due(Warning), [Director], Start);

        Assert.Equal(["alert.raised", "sla.warning"], decision.Events.Select(e => e.What));
        var alert = Assert.IsType<AlertRaised>(decision.Events[0]);
        Assert.Equal(("T-1:response", "warning", 1, "dispatcher"), (alert.AlertId, alert.Kind, alert.Level, alert.Roles));
        Assert.Equal("Boiler leaks: response at 80% of target", alert.Message);
        var raise = Assert.IsType<RaiseAlert>(Assert.Single(decision.Effects));
        Assert.Equal([Director], raise.Above);
        Assert.Equal("response:warn-80", decision.Events[1].Details!["checkpoint"]);
        Apply(ticket, decision);
        Assert.Equal(0, ticket.State.EscalationLevel);
        Assert.Equal(1, ticket.State.AlertLevels["T-1:response"]);
    }

    [Fact]
    public void The_breach_moves_the_same_alert_up_raises_the_level_and_acts()
    {
        var ticket = New();
        Apply(ticket, ticket.ReachSlaStep(Due(Warning), [], Start));

        var decision = ticket.ReachSlaStep(Due(Breach), [Director], Start.AddMinutes(5));

        Assert.Equal(["alert.level-changed", "sla.breached", "ticket.priority-raised", "dispatch.search-widened"], decision.Events.Select(e => e.What));
        Assert.Equal("1", decision.Events[0].Details!["from"]);
        Assert.Equal(new Dictionary<string, string> { ["from"] = "P2", ["to"] = "P1" }, decision.Events[2].Details);
        Assert.Equal(Duration.FromMinutes(10), Assert.IsType<RaiseAlert>(Assert.Single(decision.Effects)).AcknowledgeWithin);
        Apply(ticket, decision);
        Assert.Equal((2, Priority.P1, 2.0), (ticket.State.EscalationLevel, ticket.State.Priority, ticket.State.SearchWidening));

        // The same level again tells the board, but the timeline has no new alert entry; P1 cannot rise.
        var again = ticket.ReachSlaStep(Due(Breach with { Id = "breach-again" }), [], Start.AddMinutes(6));
        Assert.Equal(["sla.breached", "dispatch.search-widened"], again.Events.Select(e => e.What));
        Assert.Equal("4", again.Events[1].Details!["factor"]);
        Assert.Single(again.Effects);
    }

    [Fact]
    public void A_rule_has_its_own_alert_and_level()
    {
        var ticket = New();
        var rule = new EscalationRule("vip-untaken", "VIP request untaken for 2 h", new RuleCondition(Tiers: ["vip"]), Duration.FromHours(2),
            [new AlertRole("director")], 3, Duration.FromMinutes(20));

        var decision = ticket.FireRule(new RuleCheckpoint("rule:vip-untaken", rule, Instant.FromDateTimeOffset(Start)), [], Start);

        Assert.Equal(["alert.raised", "rule.fired"], decision.Events.Select(e => e.What));
        Assert.Equal(("T-1:rule:vip-untaken", "rule", 3), (((AlertRaised)decision.Events[0]).AlertId, ((AlertRaised)decision.Events[0]).Kind, ((AlertRaised)decision.Events[0]).Level));
        Assert.Equal("VIP request untaken for 2 h", decision.Events[1].Why);
        var raise = Assert.IsType<RaiseAlert>(Assert.Single(decision.Effects));
        Assert.Equal(["director"], raise.Roles);
        Assert.Equal(Duration.FromMinutes(20), raise.AcknowledgeWithin); // the rule's own time to acknowledge
        Apply(ticket, decision);
        Assert.Equal(3, ticket.State.EscalationLevel);
    }

    [Fact]
    public void A_rules_alert_goes_on_to_the_ladders_levels_above_the_rules_whatever_clock_they_watch()
    {
        var ticket = New();
        var rule = new EscalationRule("p1-untaken", "P1 untaken for 30 min", new RuleCondition(), Duration.FromMinutes(30), [new AlertRole("supervisor")], 2);
        var ladder = new EscalationLadder(
        [
            Warning,
            new EscalationStep("resolve-late", new AfterBreach(Duration.Zero), EscalationKind.Escalation, 3, [new AlertRole("director")],
                [SlaMetric.Resolution], Duration.FromMinutes(15)),
            new EscalationStep("response-late", new AfterBreach(Duration.FromHours(1)), EscalationKind.Escalation, 3, [new AlertRole("duty-manager")], [SlaMetric.Response]),
            new EscalationStep("ceo", new AfterBreach(Duration.FromHours(4)), EscalationKind.Escalation, 4, [new RaisePriority()]),
        ]);

        var decision = ticket.FireRule(new RuleCheckpoint("rule:p1-untaken", rule, Instant.FromDateTimeOffset(Start)), ladder.LevelsAbove(rule.Level), Start);

        var raise = Assert.IsType<RaiseAlert>(Assert.Single(decision.Effects));
        Assert.Equal(["supervisor"], raise.Roles);
        // Level 1 is below the rule, level 4 tells nobody; level 3 of both clocks is the next level, with its first step's time.
        var above = Assert.Single(raise.Above);
        Assert.Equal((3, Duration.FromMinutes(15)), (above.Level, above.AcknowledgeWithin));
        Assert.Equal(["director", "duty-manager"], above.Roles);
        Assert.Null(raise.AcknowledgeWithin); // the rule names no time of its own: the configured default
    }

    private static SlaCheckpoint Due(EscalationStep step) => new($"response:{step.Id}", SlaMetric.Response, step, Instant.FromDateTimeOffset(Start));

    private static Ticket New() => new(Repair, DeviceTimeRule.Default,
        new TicketRecord { Id = "T-1", Title = "Boiler leaks", Priority = Priority.P2, LastEventAt = Start.AddMinutes(-5) });

    private static void Apply(Ticket ticket, Decision decision)
    {
        Assert.False(decision.Refused, decision.Refusal?.Why);
        foreach (var e in decision.Events)
        {
            ticket.Apply(e);
        }
    }
}
