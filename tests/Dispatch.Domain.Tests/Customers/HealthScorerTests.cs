using Dispatch.Domain.Customers;
using Dispatch.Domain.Sla;

namespace Dispatch.Domain.Tests.Customers;

public sealed class HealthScorerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static HealthTicket Ticket(int daysAgo, bool severe = false, int? resolvedDaysAgo = null, bool breached = false) =>
        new(Now.AddDays(-daysAgo), resolvedDaysAgo is { } r ? Now.AddDays(-r) : null, severe, breached);

    private static SatisfactionRating Rating(int daysAgo, int csat) => new(Now.AddDays(-daysAgo), csat);

    private static int Points(CustomerHealthScore score, string factor) => score.PointsByFactor()[factor];

    [Fact]
    public void A_customer_without_history_is_perfectly_healthy_and_every_factor_is_listed()
    {
        var score = HealthScorer.Score([], [], Now);

        Assert.Equal(100, score.Score);
        Assert.Equal(
            [HealthFactors.Frequency, HealthFactors.Severity, HealthFactors.SlaBreaches, HealthFactors.Satisfaction],
            score.Penalties.Select(p => p.Factor));
        Assert.All(score.Penalties, p => Assert.Equal(0, p.Points));
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(3, 5)]
    [InlineData(5, 15)]
    [InlineData(7, 25)]
    [InlineData(20, 25)]
    public void Requests_beyond_the_usual_two_in_30_days_cost_5_points_each_up_to_25(int tickets, int expected)
    {
        var score = HealthScorer.Score(Enumerable.Range(0, tickets).Select(_ => Ticket(daysAgo: 3)), [], Now);

        Assert.Equal(expected, Points(score, HealthFactors.Frequency));
        Assert.Equal(100 - expected, score.Score);
    }

    [Fact]
    public void Tickets_older_than_30_days_do_not_count_as_frequent_requests()
    {
        var score = HealthScorer.Score(Enumerable.Range(0, 6).Select(_ => Ticket(daysAgo: 31)), [], Now);

        Assert.Equal(0, Points(score, HealthFactors.Frequency));
        Assert.Equal(0, Points(score, HealthFactors.Severity));
    }

    [Fact]
    public void Severity_is_the_share_of_P1_and_P2_among_recent_tickets()
    {
        var score = HealthScorer.Score([Ticket(1, severe: true), Ticket(2), Ticket(3), Ticket(4)], [], Now);

        Assert.Equal(5, Points(score, HealthFactors.Severity)); // 1 of 4 × 20
        Assert.Contains("1 of 4", score.Penalties.Single(p => p.Factor == HealthFactors.Severity).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Priority.P1, true)]
    [InlineData(Priority.P2, true)]
    [InlineData(Priority.P3, false)]
    [InlineData(Priority.P4, false)]
    public void P1_and_P2_are_severe(Priority priority, bool severe) =>
        Assert.Equal(severe, HealthTicket.IsSeverePriority(priority));

    [Fact]
    public void Breaches_count_among_tickets_resolved_in_the_last_90_days_only()
    {
        HealthTicket[] tickets =
        [
            Ticket(100, resolvedDaysAgo: 95, breached: true), // resolved too long ago
            Ticket(60, resolvedDaysAgo: 59, breached: true),
            Ticket(50, resolvedDaysAgo: 49),
            Ticket(1, breached: true), // not resolved yet: no outcome
        ];

        var score = HealthScorer.Score(tickets, [], Now);

        Assert.Equal(15, Points(score, HealthFactors.SlaBreaches)); // 1 of 2 × 30
    }

    [Theory]
    [InlineData(new[] { 5, 5 }, 0)]
    [InlineData(new[] { 1 }, 25)]
    [InlineData(new[] { 3 }, 13)] // 25 × 2/4 = 12.5, rounded away from zero
    [InlineData(new[] { 1, 2 }, 22)] // average 1.5: 25 × 3.5/4 = 21.875
    public void Satisfaction_costs_in_proportion_to_how_far_the_recent_CSAT_average_is_below_5(int[] csats, int expected)
    {
        var score = HealthScorer.Score([], csats.Select((c, i) => Rating(i + 1, c)), Now);

        Assert.Equal(expected, Points(score, HealthFactors.Satisfaction));
    }

    [Fact]
    public void Only_the_10_latest_surveys_of_the_last_90_days_make_the_average()
    {
        var ratings = Enumerable.Range(1, 10).Select(d => Rating(d, 5))
            .Concat(Enumerable.Range(11, 5).Select(d => Rating(d, 1))) // older than the 10 latest
            .Append(Rating(91, 1)); // older than 90 days

        var score = HealthScorer.Score([], ratings, Now);

        Assert.Equal(0, Points(score, HealthFactors.Satisfaction));
    }

    [Fact]
    public void The_worst_customer_scores_zero_and_the_penalties_add_up_to_the_loss()
    {
        var tickets = Enumerable.Range(1, 8).Select(d => Ticket(d + 1, severe: true, resolvedDaysAgo: d, breached: true));

        var score = HealthScorer.Score(tickets, [Rating(1, 1), Rating(2, 1)], Now);

        Assert.Equal(0, score.Score);
        Assert.Equal(100, score.Penalties.Sum(p => p.Points));
        Assert.All(score.Penalties, p => Assert.Equal(p.MaxPoints, p.Points));
        Assert.True(score.IsBelow(60));
    }

    [Fact]
    public void Custom_rules_change_the_weights()
    {
        var rules = HealthScoringRules.Default with { UsualTicketsPerWindow = 0, PointsPerExtraTicket = 10 };

        var score = HealthScorer.Score([Ticket(1), Ticket(2)], [], Now, rules);

        Assert.Equal(80, score.Score);
    }
}
