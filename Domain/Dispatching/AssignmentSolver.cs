namespace Dispatch.Domain.Dispatching;

/// <summary>
/// Minimum-cost assignment of tickets (rows) to engineers (columns) for batch dispatch: each row gets at most one
/// column and each column at most one row; <see cref="double.PositiveInfinity"/> marks a pair that is not allowed.
/// The answer assigns as many rows as possible and, among those assignments, has the least total cost.
/// <para>
/// The Hungarian method with potentials (Kuhn–Munkres in its O(n²·m) shortest-augmenting-path form). Forbidden
/// pairs become a cost M larger than any difference of finite totals, so that one more assigned row always
/// outweighs any saving; pairs assigned at M are then dropped. That turns "most rows, then least cost" into a
/// single minimization with no special cases.
/// </para>
/// </summary>
public static class AssignmentSolver
{
    public static IReadOnlyList<(int Row, int Col)> Solve(double[,] cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        var rows = cost.GetLength(0);
        var cols = cost.GetLength(1);
        if (rows == 0 || cols == 0)
        {
            return [];
        }

        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var c in cost)
        {
            if (double.IsNaN(c) || double.IsNegativeInfinity(c))
            {
                throw new ArgumentException("Costs must be finite numbers or +∞ (not allowed).", nameof(cost));
            }

            if (!double.IsPositiveInfinity(c))
            {
                min = Math.Min(min, c);
                max = Math.Max(max, c);
            }
        }

        if (double.IsPositiveInfinity(min))
        {
            return [];
        }

        // The method wants no more rows than columns; a tall matrix is solved transposed.
        var transposed = rows > cols;
        var n = transposed ? cols : rows;
        var m = transposed ? rows : cols;
        var forbidden = (n + 1) * (max - min + 1);
        var a = new double[n + 1, m + 1];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++)
            {
                var c = transposed ? cost[j, i] : cost[i, j];
                a[i + 1, j + 1] = double.IsPositiveInfinity(c) ? forbidden : c - min;
            }
        }

        var rowOfColumn = Hungarian(a, n, m);
        var result = new List<(int Row, int Col)>(n);
        for (var j = 1; j <= m; j++)
        {
            var i = rowOfColumn[j];
            if (i == 0)
            {
                continue;
            }

            var pair = transposed ? (Row: j - 1, Col: i - 1) : (Row: i - 1, Col: j - 1);
            if (!double.IsPositiveInfinity(cost[pair.Row, pair.Col]))
            {
                result.Add(pair);
            }
        }

        result.Sort();
        return result;
    }

    /// <summary>Returns, for each column 1..m, the row 1..n assigned to it (0 for none); a is 1-based.</summary>
    private static int[] Hungarian(double[,] a, int n, int m)
    {
        var u = new double[n + 1];
        var v = new double[m + 1];
        var rowOfColumn = new int[m + 1];
        var way = new int[m + 1];
        var minSlack = new double[m + 1];
        var used = new bool[m + 1];
        for (var i = 1; i <= n; i++)
        {
            rowOfColumn[0] = i;
            var j0 = 0;
            Array.Fill(minSlack, double.PositiveInfinity);
            Array.Clear(used);
            do
            {
                used[j0] = true;
                var i0 = rowOfColumn[j0];
                var delta = double.PositiveInfinity;
                var j1 = 0;
                for (var j = 1; j <= m; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    var slack = a[i0, j] - u[i0] - v[j];
                    if (slack < minSlack[j])
                    {
                        minSlack[j] = slack;
                        way[j] = j0;
                    }

                    if (minSlack[j] < delta)
                    {
                        delta = minSlack[j];
                        j1 = j;
                    }
                }

                for (var j = 0; j <= m; j++)
                {
                    if (used[j])
                    {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minSlack[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (rowOfColumn[j0] != 0);

            do
            {
                var j1 = way[j0];
                rowOfColumn[j0] = rowOfColumn[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        return rowOfColumn;
    }
}
