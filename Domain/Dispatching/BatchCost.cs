using Dispatch.Domain.Sla;

namespace Dispatch.Domain.Dispatching;

/// <summary>
/// The cost of one (ticket, engineer) pair when a region assigns its waiting tickets jointly.
/// </summary>
/// <remarks>
/// The candidate score ranks engineers for one ticket. Its urgency term is a cost, so across tickets it would
/// make the ticket nearest its deadline look dearest, and lose a scarce engineer to a relaxed ticket (the
/// simulated day in benchmarks/Dispatch.Simulation showed P1 tickets breaching that greedy dispatch kept).
/// Jointly the urgent ticket must win instead: the urgency term is left out and the ticket's priority rank
/// (P1 = 0 … P4 = 3) is added. The solver assigns as many tickets as it can first, so the rank decides which
/// tickets get the engineers when there are too few, and travel, skill and load decide who goes where.
/// </remarks>
public static class BatchCost
{
    public static double Of(ScoreBreakdown score, Priority priority)
    {
        ArgumentNullException.ThrowIfNull(score);
        return score.Total - score.UrgencyCost + (int)priority;
    }
}
