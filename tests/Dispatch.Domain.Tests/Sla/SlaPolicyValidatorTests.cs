using Dispatch.Domain.Sla;
using NodaTime;
using static Dispatch.Domain.Tests.Sla.Sample;

namespace Dispatch.Domain.Tests.Sla;

public class SlaPolicyValidatorTests
{
    private static readonly CalendarBook Calendars = new([AlwaysOpen]);

    private static SlaTarget Response(Duration target) => new(SlaMetric.Response, target, "24x7");

    private static EscalationStep Step(string id, EscalationTrigger trigger, EscalationKind kind, params EscalationAction[] actions) =>
        new(id, trigger, kind, kind == EscalationKind.Warning ? 0 : 1, actions);

    private static SlaPolicy PolicyWith(IReadOnlyList<SlaTarget>? targets = null, IReadOnlyList<EscalationStep>? steps = null, string id = "p", string name = "P") =>
        new(id, name, PolicyMatch.Any, targets ?? [Response(Duration.FromHours(2))], new EscalationLadder(steps ?? []));

    private static Dictionary<string, string[]> Problems(SlaPolicy policy) =>
        SlaPolicyValidator.Validate(policy, Calendars).GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());

    [Fact]
    public void A_well_formed_policy_has_no_problems()
    {
        var policy = PolicyWith(steps:
        [
            Step("warn-75", new PercentOfTarget(75), EscalationKind.Warning, new AlertRole("dispatcher")),
            Step("breach", new PercentOfTarget(100), EscalationKind.Breach, new WidenSearch(2)),
            Step("late", new PercentOfTarget(1000), EscalationKind.Escalation, new RaisePriority()),
            Step("director", new AfterBreach(Duration.FromDays(30)), EscalationKind.Escalation, new AlertRole("director")),
        ]);

        Assert.Empty(SlaPolicyValidator.Validate(policy, Calendars));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.5)]
    [InlineData(365 * 24 * 3600 + 1)]
    [InlineData(29_000.0 * 365 * 24 * 3600)]
    public void A_target_outside_one_second_to_a_year_is_named(double seconds)
    {
        var problems = Problems(PolicyWith(targets: [Response(Duration.FromSeconds(seconds))]));

        Assert.Equal(["targets[0].target"], problems.Keys);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(365 * 24 * 3600)]
    public void A_target_of_one_second_or_a_year_is_kept(double seconds) =>
        Assert.Empty(Problems(PolicyWith(targets: [Response(Duration.FromSeconds(seconds))])));

    [Theory]
    [InlineData(1e30, EscalationKind.Escalation)]
    [InlineData(1000.5, EscalationKind.Escalation)]
    [InlineData(double.NaN, EscalationKind.Warning)]
    [InlineData(double.PositiveInfinity, EscalationKind.Escalation)]
    [InlineData(0, EscalationKind.Warning)]
    [InlineData(-5, EscalationKind.Warning)]
    [InlineData(100, EscalationKind.Warning)]
    [InlineData(120, EscalationKind.Warning)]
    [InlineData(99, EscalationKind.Breach)]
    [InlineData(150, EscalationKind.Breach)]
    [InlineData(100, EscalationKind.Escalation)]
    [InlineData(50, EscalationKind.Escalation)]
    public void A_percent_out_of_bounds_or_beside_what_the_step_means_is_named(double percent, EscalationKind kind)
    {
        var problems = Problems(PolicyWith(steps: [Step("s", new PercentOfTarget(percent), kind)]));

        Assert.Equal(["ladder[0].percent"], problems.Keys);
    }

    [Theory]
    [InlineData(-1, EscalationKind.Escalation)]
    [InlineData(30 * 24 * 60 + 1, EscalationKind.Escalation)]
    [InlineData(10, EscalationKind.Warning)]
    [InlineData(10, EscalationKind.Breach)]
    public void An_offset_after_breach_out_of_bounds_or_beside_what_the_step_means_is_named(int minutes, EscalationKind kind)
    {
        var problems = Problems(PolicyWith(steps: [Step("s", new AfterBreach(Duration.FromMinutes(minutes)), kind)]));

        Assert.Equal(["ladder[0].afterBreach"], problems.Keys);
    }

    [Fact]
    public void The_breach_may_be_an_offset_of_zero_after_the_deadline() =>
        Assert.Empty(Problems(PolicyWith(steps: [Step("breach", new AfterBreach(Duration.Zero), EscalationKind.Breach)])));

    [Fact]
    public void Lists_are_bounded_and_a_policy_promises_something()
    {
        var steps = Enumerable.Range(0, SlaPolicyValidator.MostSteps + 1)
            .Select(i => Step($"w{i}", new PercentOfTarget(1 + i), EscalationKind.Warning)).ToList();
        var actions = Enumerable.Range(0, SlaPolicyValidator.MostActions + 1).Select(_ => (EscalationAction)new RaisePriority()).ToArray();

        var problems = Problems(PolicyWith(targets: [], steps: [.. steps, Step("b", new PercentOfTarget(100), EscalationKind.Breach, actions)]));

        Assert.Equal(["ladder", "ladder[21].actions", "targets"], problems.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_problem_of_a_bad_policy_is_named_at_once()
    {
        var policy = new SlaPolicy(
            "bad policy",
            new string('n', 201),
            new PolicyMatch(Tiers: ["vip", "no spaces"], Regions: [new string('r', 10_000)]),
            [Response(Duration.Zero), new SlaTarget(SlaMetric.Arrival, Duration.FromHours(4), "nights"), Response(Duration.FromHours(1))],
            new EscalationLadder(
            [
                Step("w", new PercentOfTarget(50), EscalationKind.Warning, new AlertRole(" ")),
                new EscalationStep("w", new AfterBreach(Duration.FromMinutes(5)), EscalationKind.Escalation, 11, [new WidenSearch(0.5)]),
            ]));

        var problems = Problems(policy);

        Assert.Equal(
            [
                "id", "ladder", "ladder[0].actions[0].role", "ladder[1].actions[0].factor", "ladder[1].level", "match.regions[0]",
                "match.tiers[1]", "name", "targets", "targets[0].target", "targets[1].calendar",
            ],
            problems.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["unknown calendar 'nights'"], problems["targets[1].calendar"]);
    }

    [Fact]
    public void A_name_with_control_characters_is_named() =>
        Assert.Equal(["name"], Problems(PolicyWith(name: "Gold\u0000")).Keys);

    [Fact]
    public void The_furthest_checkpoint_the_bounds_allow_is_a_real_instant_even_on_office_hours()
    {
        var office = OfficeHours("office", "Asia/Shanghai");
        var start = Utc(2026, 11, 30, 1);
        var furthest = PercentOfTarget.Of(SlaPolicyValidator.LongestTarget, SlaPolicyValidator.MostPercent) + SlaPolicyValidator.LongestAfterBreach;

        var due = office.AddWorkingTime(start, furthest);

        Assert.True(due > start + furthest, "office hours stretch business time over more calendar time");
        Assert.True(due < Instant.FromUtc(2100, 1, 1, 0, 0));
    }

    [Fact]
    public void A_calendar_that_never_opens_is_refused_up_front()
    {
        var closed = new WorkingHoursCalendar("closed", "Europe/Paris", new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingPeriod>>(), []);

        Assert.Equal([new SlaProblem("week", "no working hours on any weekday: the calendar would never count time")], SlaPolicyValidator.Validate(closed));
    }

    [Fact]
    public void A_rule_fires_a_bounded_positive_time_after_creation()
    {
        var rule = new EscalationRule("r", "Rule", new RuleCondition(), Duration.FromDays(400), [new AlertRole("director")], 2);

        Assert.Equal(["after"], SlaPolicyValidator.Validate(rule).Select(p => p.Field));
        Assert.Empty(SlaPolicyValidator.Validate(rule with { After = Duration.FromHours(2) }));
    }

    [Fact]
    public void A_problem_is_named_from_the_object_that_holds_it()
    {
        var problem = new SlaProblem("percent", "x").Under("ladder[2]").Under("policies[1]");

        Assert.Equal("policies[1].ladder[2].percent", problem.Field);
        Assert.Equal("targets[0]", new SlaProblem("[0]", "x").Under("targets").Field);
    }
}
