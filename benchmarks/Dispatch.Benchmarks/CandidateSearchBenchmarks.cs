using BenchmarkDotNet.Attributes;
using Dispatch.Domain.Dispatching;
using Dispatch.Domain.Geo;

namespace Dispatch.Benchmarks;

/// <summary>
/// The k nearest qualifying engineers from the project's spatial index, against the brute-force scan it is
/// tested against (the Baseline, so the Ratio column is the index's share of the brute-force time). Each
/// operation is one query from a pre-generated set, with one required skill of eight (engineers hold 2–3).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(StandardConfig))]
public class CandidateSearchBenchmarks
{
    private const int QueryCount = 1024;

    private List<EngineerFacts> _engineers = null!;
    private EngineerIndex _index = null!;
    private Query[] _queries = null!;
    private int _next;

    [Params(1_000, 10_000, 100_000)]
    public int Engineers { get; set; }

    [Params(1, 16)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var city = new SampleCityFleet(seed: 7);
        _engineers = city.Engineers(Engineers);
        _index = new EngineerIndex(SampleCityFleet.Centre, EngineerIndex.DefaultCellSizeMeters);
        foreach (var engineer in _engineers)
        {
            _index.Upsert(engineer);
        }

        _queries = [.. Enumerable.Range(0, QueryCount).Select(_ => new Query(city.NextPosition(), [city.NextSkill()]))];
        _next = 0;

        // The index must give the reference answer, or the comparison means nothing.
        foreach (var query in _queries.Take(64))
        {
            var expected = BruteForce.Nearest(_engineers, query.From, K, SampleCityFleet.SearchRadiusMeters, query.Skills).Select(c => c.Engineer.Id);
            var actual = _index.Nearest(query.From, K, SampleCityFleet.SearchRadiusMeters, query.Skills).Select(c => c.Engineer.Id);
            if (!expected.SequenceEqual(actual, StringComparer.Ordinal))
            {
                throw new InvalidOperationException($"EngineerIndex disagrees with BruteForce at {query.From} (k = {K}, {Engineers} engineers).");
            }
        }
    }

    [Benchmark(Baseline = true, Description = "BruteForce.Nearest")]
    public IReadOnlyList<Candidate> BruteForceScan()
    {
        var query = _queries[_next++ & (QueryCount - 1)];
        return BruteForce.Nearest(_engineers, query.From, K, SampleCityFleet.SearchRadiusMeters, query.Skills);
    }

    [Benchmark(Description = "EngineerIndex.Nearest")]
    public IReadOnlyList<Candidate> IndexSearch()
    {
        var query = _queries[_next++ & (QueryCount - 1)];
        return _index.Nearest(query.From, K, SampleCityFleet.SearchRadiusMeters, query.Skills);
    }

    private sealed record Query(Position From, string[] Skills);
}

/// <summary>
/// The cost of moving one engineer in the index: an Upsert to a position up to ~150 m from the last one (a few
/// seconds of driving), sometimes across a cell boundary. Pre-generated, so the operation is just the Upsert.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(StandardConfig))]
public class CandidateSearchMoveBenchmarks
{
    private const int MoveCount = 8192;

    private EngineerIndex _index = null!;
    private EngineerFacts[] _moves = null!;
    private int _next;

    [Params(1_000, 10_000, 100_000)]
    public int Engineers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var city = new SampleCityFleet(seed: 11);
        var engineers = city.Engineers(Engineers);
        _index = new EngineerIndex(SampleCityFleet.Centre, EngineerIndex.DefaultCellSizeMeters);
        foreach (var engineer in engineers)
        {
            _index.Upsert(engineer);
        }

        // Each move is relative to the engineer's original position, so repeated moves never drift the fleet.
        _moves = [.. Enumerable.Range(0, MoveCount).Select(_ =>
        {
            var engineer = engineers[city.Random.Next(engineers.Count)];
            return engineer with { Position = city.Nearby(engineer.Position, maxMeters: 150) };
        })];
        _next = 0;
    }

    [Benchmark(Description = "EngineerIndex.Upsert (move)")]
    public void MoveOne() => _index.Upsert(_moves[_next++ & (MoveCount - 1)]);
}
