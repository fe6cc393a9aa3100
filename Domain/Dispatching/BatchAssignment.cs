using Dispatch.Domain.Sla;

namespace Dispatch.Domain.Dispatching;

/// <summary>One waiting ticket in a batch: its priority and its ranked candidates (best first).</summary>
public sealed record BatchTicket(Priority Priority, IReadOnlyList<ScoreBreakdown> Candidates);

/// <summary>
/// Batch dispatch: the waiting tickets are assigned jointly, at the least total <see cref="BatchCost"/> over each
/// ticket's own candidates, each engineer to at most one ticket. The region dispatcher grain and the simulation
/// that justifies batch mode both call this, so what is measured is what runs.
/// </summary>
public static class BatchAssignment
{
    /// <summary>Which engineer each assigned ticket gets, by the ticket's index in <paramref name="tickets"/>.</summary>
    public static IReadOnlyList<(int Ticket, string EngineerId)> Solve(IReadOnlyList<BatchTicket> tickets)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        var engineers = new List<string>();
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var candidate in tickets.SelectMany(t => t.Candidates))
        {
            if (column.TryAdd(candidate.EngineerId, engineers.Count))
            {
                engineers.Add(candidate.EngineerId);
            }
        }

        if (engineers.Count == 0)
        {
            return [];
        }

        // A pair that is not among the ticket's candidates is not allowed (+∞): too far, unskilled or taken.
        var cost = new double[tickets.Count, engineers.Count];
        for (var row = 0; row < tickets.Count; row++)
        {
            for (var col = 0; col < engineers.Count; col++)
            {
                cost[row, col] = double.PositiveInfinity;
            }

            foreach (var candidate in tickets[row].Candidates)
            {
                cost[row, column[candidate.EngineerId]] = BatchCost.Of(candidate, tickets[row].Priority);
            }
        }

        return [.. AssignmentSolver.Solve(cost).Select(pair => (pair.Row, engineers[pair.Col]))];
    }
}
