using System.Globalization;

namespace Dispatch.Domain.Customers;

/// <summary>
/// Computes a customer's health score from request frequency, severity, SLA breaches and satisfaction. A
/// pure function of the history and "now", so that the same history always gives the same, explainable score.
/// </summary>
public static class HealthScorer
{
    public static CustomerHealthScore Score(
        IEnumerable<HealthTicket> tickets,
        IEnumerable<SatisfactionRating> ratings,
        DateTimeOffset now,
        HealthScoringRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        ArgumentNullException.ThrowIfNull(ratings);
        rules ??= HealthScoringRules.Default;
        var history = tickets.ToList();

        var recent = history.Where(t => t.OpenedAt > now - rules.FrequencyWindow && t.OpenedAt <= now).ToList();
        HealthPenalty[] penalties =
        [
            Frequency(recent.Count, rules),
            Severity(recent, rules),
            SlaBreaches(history, now, rules),
            Satisfaction(ratings, now, rules),
        ];
        var score = Math.Clamp(CustomerHealthScore.Perfect - penalties.Sum(p => p.Points), 0, CustomerHealthScore.Perfect);
        return new CustomerHealthScore(score, penalties);
    }

    private static HealthPenalty Frequency(int recentCount, HealthScoringRules rules)
    {
        var extra = Math.Max(0, recentCount - rules.UsualTicketsPerWindow);
        var points = Math.Min(rules.MaxFrequencyPenalty, extra * rules.PointsPerExtraTicket);
        return new HealthPenalty(HealthFactors.Frequency, points, rules.MaxFrequencyPenalty, Invariant(
            $"{recentCount} ticket(s) in the last {rules.FrequencyWindow.TotalDays:0} days ({rules.UsualTicketsPerWindow} are usual)"));
    }

    private static HealthPenalty Severity(List<HealthTicket> recent, HealthScoringRules rules)
    {
        var severe = recent.Count(t => t.Severe);
        var points = Proportion(rules.MaxSeverityPenalty, severe, recent.Count);
        return new HealthPenalty(HealthFactors.Severity, points, rules.MaxSeverityPenalty, Invariant(
            $"{severe} of {recent.Count} recent ticket(s) were P1/P2"));
    }

    private static HealthPenalty SlaBreaches(List<HealthTicket> history, DateTimeOffset now, HealthScoringRules rules)
    {
        var resolved = history
            .Where(t => t.ResolvedAt is { } at && at > now - rules.BreachWindow && at <= now)
            .ToList();
        var breached = resolved.Count(t => t.SlaBreached);
        var points = Proportion(rules.MaxBreachPenalty, breached, resolved.Count);
        return new HealthPenalty(HealthFactors.SlaBreaches, points, rules.MaxBreachPenalty, Invariant(
            $"{breached} of {resolved.Count} ticket(s) resolved in the last {rules.BreachWindow.TotalDays:0} days breached their SLA"));
    }

    private static HealthPenalty Satisfaction(IEnumerable<SatisfactionRating> ratings, DateTimeOffset now, HealthScoringRules rules)
    {
        var recent = ratings
            .Where(r => r.At > now - rules.SatisfactionWindow && r.At <= now)
            .OrderByDescending(r => r.At)
            .Take(rules.RecentSurveys)
            .Select(r => Math.Clamp(r.Csat, 1, 5))
            .ToList();
        if (recent.Count == 0)
        {
            // No recent survey says nothing bad: silence is not taken as dissatisfaction.
            return new HealthPenalty(HealthFactors.Satisfaction, 0, rules.MaxSatisfactionPenalty, "no recent survey");
        }
        var average = recent.Average();
        var points = (int)Math.Round(rules.MaxSatisfactionPenalty * (5 - average) / 4, MidpointRounding.AwayFromZero);
        return new HealthPenalty(HealthFactors.Satisfaction, points, rules.MaxSatisfactionPenalty, Invariant(
            $"average CSAT {average:0.0} over the last {recent.Count} survey(s)"));
    }

    /// <summary>max × part/whole, rounded half away from zero; nothing when there is nothing to take a share of.</summary>
    private static int Proportion(int max, int part, int whole) =>
        whole == 0 ? 0 : (int)Math.Round((double)max * part / whole, MidpointRounding.AwayFromZero);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
