using System.Diagnostics;
using Dispatch.Domain.Dispatching;

namespace Dispatch.Domain.Tests.Dispatching;

public sealed class AssignmentSolverTests
{
    private const double X = double.PositiveInfinity;

    private static (int Assigned, double Cost) Evaluate(double[,] cost, IReadOnlyList<(int Row, int Col)> pairs)
    {
        Assert.Equal(pairs.Count, pairs.Select(p => p.Row).Distinct().Count());
        Assert.Equal(pairs.Count, pairs.Select(p => p.Col).Distinct().Count());
        Assert.All(pairs, p => Assert.False(double.IsPositiveInfinity(cost[p.Row, p.Col]), $"({p.Row},{p.Col}) is not allowed"));
        return (pairs.Count, pairs.Sum(p => cost[p.Row, p.Col]));
    }

    [Fact]
    public void Random_small_matrices_match_brute_force()
    {
        var random = new Random(2024);
        for (var trial = 0; trial < 3_000; trial++)
        {
            var rows = random.Next(1, 7);
            var cols = random.Next(1, 7);
            var forbiddenShare = random.Next(4) * 0.25; // 0, 25, 50 or 75% of the cells not allowed
            var integers = trial % 2 == 0;                // integer costs make many ties
            var cost = new double[rows, cols];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < cols; c++)
                {
                    cost[r, c] = random.NextDouble() < forbiddenShare ? X
                        : integers ? random.Next(-3, 10)
                        : random.NextDouble() * 100;
                }
            }

            var expected = BruteForceAssignment.Best(cost);
            var actual = Evaluate(cost, AssignmentSolver.Solve(cost));

            Assert.True(expected.Assigned == actual.Assigned, $"trial {trial}: assigned {actual.Assigned}, best {expected.Assigned}");
            Assert.True(Math.Abs(expected.Cost - actual.Cost) < 1e-9, $"trial {trial}: cost {actual.Cost}, best {expected.Cost}");
        }
    }

    [Fact]
    public void Assigning_more_tickets_comes_before_a_lower_cost()
    {
        // Ticket 1 alone at engineer 0 costs 2; both tickets assigned cost 1 + 100.
        var cost = new double[,] { { 1, X }, { 2, 100 } };

        Assert.Equal([(0, 0), (1, 1)], AssignmentSolver.Solve(cost));
    }

    [Fact]
    public void The_cheapest_total_wins_over_greedy_choices()
    {
        // Greedy (each ticket takes its nearest free engineer in turn) would pay 1 + 10; jointly 2 + 2.
        var cost = new double[,] { { 1, 2 }, { 2, 10 } };

        Assert.Equal([(0, 1), (1, 0)], AssignmentSolver.Solve(cost));
    }

    [Fact]
    public void Wide_and_tall_matrices_assign_at_most_the_smaller_side()
    {
        Assert.Equal([(0, 2), (1, 0)], AssignmentSolver.Solve(new double[,] { { 5, 4, 1, 9 }, { 2, 7, 3, 8 } }));
        Assert.Equal([(1, 1), (2, 0)], AssignmentSolver.Solve(new double[,] { { 9, 9 }, { 9, 1 }, { 2, 8 } }));
    }

    [Fact]
    public void Nothing_allowed_or_nothing_to_assign_gives_no_pairs()
    {
        Assert.Empty(AssignmentSolver.Solve(new double[,] { { X, X }, { X, X } }));
        Assert.Empty(AssignmentSolver.Solve(new double[0, 3]));
        Assert.Empty(AssignmentSolver.Solve(new double[3, 0]));
    }

    [Fact]
    public void Nan_and_negative_infinity_are_refused()
    {
        Assert.Throws<ArgumentException>(() => AssignmentSolver.Solve(new double[,] { { double.NaN } }));
        Assert.Throws<ArgumentException>(() => AssignmentSolver.Solve(new double[,] { { double.NegativeInfinity } }));
    }

    [Fact]
    public void A_200_by_200_sparse_matrix_is_assigned_validly()
    {
        var random = new Random(3);
        var cost = new double[200, 200];
        for (var r = 0; r < 200; r++)
        {
            for (var c = 0; c < 200; c++)
            {
                cost[r, c] = random.NextDouble() < 0.9 ? X : random.NextDouble() * 5; // like "k nearest only"
            }
        }

        var pairs = AssignmentSolver.Solve(cost);

        Assert.True(pairs.Count > 150, $"{pairs.Count} assigned");
        Evaluate(cost, pairs);
        // Its speed is the BatchSolver benchmark's business (./dispatch bench), not a test's.
    }
}
