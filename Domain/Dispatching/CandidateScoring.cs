using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Dispatching;

/// <summary>
/// Scores a candidate engineer for a ticket as a cost: lower is better. All terms are normalized to be
/// comparable, then weighted (<see cref="ScoringWeights"/>):
/// <list type="bullet">
/// <item><c>EtaCost = w.Eta · eta_minutes / 30</c> (30 minutes away costs 1).</item>
/// <item><c>ProficiencyCost = w.Proficiency · (100 − mean proficiency in the required skills) / 100</c>; a required
/// skill the engineer lacks counts as 0, no required skills cost 0.</item>
/// <item><c>LoadCost = w.Load · ActiveJobs / Capacity</c> (clipped to [0, 1]; a capacity of 0 counts as full), which
/// spreads work across engineers with multi-job capacity.</item>
/// <item><c>UrgencyCost = w.Urgency · clip(eta / slaRemaining, 0, 3)</c>, 0 when there is no running SLA clock and
/// 3 when it has no time left. It is the share of the remaining SLA time the journey eats, so the shorter the
/// time left, the more each minute of ETA costs: urgency raises the weight of the ETA.</item>
/// </list>
/// <c>Total = EtaCost + ProficiencyCost + LoadCost + UrgencyCost</c>.
/// </summary>
public static class CandidateScoring
{
    public const double MinutesPerEtaUnit = 30;
    public const double MaxUrgency = 3;

    public static ScoreBreakdown Score(
        Candidate c,
        TimeSpan eta,
        IReadOnlyCollection<string> requiredSkills,
        TimeSpan? slaRemaining,
        ScoringWeights w)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(requiredSkills);
        ArgumentNullException.ThrowIfNull(w);
        var engineer = c.Engineer;

        var etaCost = w.Eta * Math.Max(0, eta.TotalMinutes) / MinutesPerEtaUnit;
        var proficiencyCost = w.Proficiency * (100 - MeanProficiency(engineer, requiredSkills)) / 100;
        var load = engineer.Capacity <= 0 ? 1 : Math.Clamp((double)engineer.ActiveJobs / engineer.Capacity, 0, 1);
        var loadCost = w.Load * load;
        var urgencyCost = w.Urgency * Urgency(eta, slaRemaining);
        return new ScoreBreakdown(
            engineer.Id,
            c.DistanceMeters,
            eta,
            etaCost,
            proficiencyCost,
            loadCost,
            urgencyCost,
            etaCost + proficiencyCost + loadCost + urgencyCost);
    }

    /// <summary>
    /// The one order of candidates, best first: the lower total; on equal totals the nearer engineer (the
    /// shorter drive is the surer promise when the terms balance out); then the engineer id, so the order is
    /// reproducible. Regions, their neighbours' merged lists and the simulation all rank with it.
    /// </summary>
    public static IComparer<ScoreBreakdown> BestFirst { get; } = Comparer<ScoreBreakdown>.Create((x, y) =>
    {
        var c = x.Total.CompareTo(y.Total);
        if (c == 0)
        {
            c = x.DistanceMeters.CompareTo(y.DistanceMeters);
        }

        return c != 0 ? c : string.CompareOrdinal(x.EngineerId, y.EngineerId);
    });

    /// <summary>Scores every candidate with ETAs from <paramref name="travel"/> and orders them <see cref="BestFirst"/>.</summary>
    public static IReadOnlyList<ScoreBreakdown> Rank(
        IEnumerable<Candidate> candidates,
        Position ticket,
        ServiceRegion region,
        ITravelTimeEstimator travel,
        IReadOnlyCollection<string> requiredSkills,
        TimeSpan? slaRemaining,
        ScoringWeights w)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(travel);
        return candidates
            .Select(c => Score(c, travel.Estimate(c.Engineer.Position, ticket, region), requiredSkills, slaRemaining, w))
            .Order(BestFirst)
            .ToList();
    }

    private static double MeanProficiency(EngineerFacts engineer, IReadOnlyCollection<string> requiredSkills)
    {
        if (requiredSkills.Count == 0)
        {
            return 100;
        }

        double sum = 0;
        foreach (var skill in requiredSkills)
        {
            sum += engineer.Skills.TryGetValue(skill, out var p) ? Math.Clamp(p, 0, 100) : 0;
        }

        return sum / requiredSkills.Count;
    }

    private static double Urgency(TimeSpan eta, TimeSpan? slaRemaining)
    {
        if (slaRemaining is not { } remaining)
        {
            return 0;
        }

        if (remaining <= TimeSpan.Zero)
        {
            return MaxUrgency;
        }

        return Math.Clamp(eta / remaining, 0, MaxUrgency);
    }
}
