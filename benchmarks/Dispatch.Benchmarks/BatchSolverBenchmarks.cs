using BenchmarkDotNet.Attributes;
using Dispatch.Domain.Dispatching;

namespace Dispatch.Benchmarks;

/// <summary>
/// The batch-dispatch assignment (Hungarian method) on square random cost matrices, about 30 % of the pairs
/// not allowed (+∞), as when a ticket's candidates are only its nearest few engineers with the skill.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(StandardConfig))]
public class BatchSolverBenchmarks
{
    private double[,] _cost = null!;

    [Params(10, 50, 100, 200)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        _cost = new double[Size, Size];
        for (var i = 0; i < Size; i++)
        {
            for (var j = 0; j < Size; j++)
            {
                // Candidate scores are small positive totals (ETA, skill, load, urgency costs).
                _cost[i, j] = random.NextDouble() < 0.3 ? double.PositiveInfinity : random.NextDouble() * 5;
            }
        }
    }

    [Benchmark(Description = "AssignmentSolver.Solve")]
    public IReadOnlyList<(int Row, int Col)> Solve() => AssignmentSolver.Solve(_cost);
}
