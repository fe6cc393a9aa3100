using Dispatch.Domain.Sla;
using NodaTime;
using static Dispatch.Domain.Tests.Sla.Sample;

namespace Dispatch.Domain.Tests.Sla;

public class SlaPolicyValidatorTests
{
    private static readonly CalendarBook Calendars = new([AlwaysOpen]);

    [Fact]
    public void A_well_formed_policy_has_no_problems()
    {
        var policy = Policy("p", PolicyMatch.Any, new SlaTarget(SlaMetric.Response, Duration.FromHours(2), "24x7"));

        Assert.Empty(SlaPolicyValidator.Validate(policy, Calendars));
    }

    [Fact]
    public void Every_problem_of_a_bad_policy_is_named()
    {
        var policy = new SlaPolicy(
            "bad",
            "bad",
            PolicyMatch.Any,
            [new SlaTarget(SlaMetric.Response, Duration.Zero, "24x7"), new SlaTarget(SlaMetric.Arrival, Duration.FromHours(4), "nights")],
            new EscalationLadder(
            [
                new EscalationStep("w", new PercentOfTarget(0), EscalationKind.Warning, 0, [new AlertRole(" ")]),
                new EscalationStep("w", new AfterBreach(Duration.FromMinutes(-5)), EscalationKind.Escalation, 2, [new WidenSearch(0.5)]),
            ]));

        var problems = SlaPolicyValidator.Validate(policy, Calendars);

        Assert.Equal(
            [
                "target for response must be positive",
                "target for arrival names unknown calendar 'nights'",
                "escalation step id 'w' is used more than once (ids must be unique to fire once)",
                "step 'w': percent of target must be a positive number",
                "step 'w': alert needs a role",
                "step 'w': offset after breach must not be negative",
                "step 'w': search widening factor must be at least 1",
            ],
            problems);
    }

    [Fact]
    public void A_calendar_that_never_opens_is_refused_up_front()
    {
        var closed = new WorkingHoursCalendar("closed", "Europe/Paris", new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingPeriod>>(), []);

        Assert.Equal(["calendar 'closed' has no working hours on any weekday"], SlaPolicyValidator.Validate(closed));
    }
}
