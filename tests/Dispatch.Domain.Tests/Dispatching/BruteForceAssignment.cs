namespace Dispatch.Domain.Tests.Dispatching;

/// <summary>The reference for the assignment solver: tries every partial matching (small matrices only).</summary>
internal static class BruteForceAssignment
{
    public static (int Assigned, double Cost) Best(double[,] cost)
    {
        var rows = cost.GetLength(0);
        var cols = cost.GetLength(1);
        var used = new bool[cols];
        (int Assigned, double Cost) best = (0, 0);

        void Visit(int row, int assigned, double total)
        {
            if (row == rows)
            {
                if (assigned > best.Assigned || (assigned == best.Assigned && total < best.Cost))
                {
                    best = (assigned, total);
                }

                return;
            }

            Visit(row + 1, assigned, total); // this row stays unassigned
            for (var col = 0; col < cols; col++)
            {
                if (!used[col] && !double.IsPositiveInfinity(cost[row, col]))
                {
                    used[col] = true;
                    Visit(row + 1, assigned + 1, total + cost[row, col]);
                    used[col] = false;
                }
            }
        }

        Visit(0, 0, 0);
        return best;
    }
}
