using Dispatch.Domain.Dispatching;
using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Tests.Dispatching;

/// <summary>The index must give exactly the brute-force answer: same engineers, same order.</summary>
public sealed class EngineerIndexExactnessTests
{
    [Theory]
    [InlineData(1, EngineerIndex.DefaultCellSizeMeters)]
    [InlineData(16, EngineerIndex.DefaultCellSizeMeters)]
    [InlineData(1, 40)]
    [InlineData(16, 3_000)]
    public void Ten_thousand_engineers_500_queries_match_brute_force(int k, double cellSize)
    {
        var fleet = new Fleet(seed: 1000 + k);
        var engineers = fleet.Engineers(10_000);
        var index = new EngineerIndex(Fleet.Center, cellSize);
        engineers.ForEach(index.Upsert);
        Assert.Equal(10_000, index.Count);

        var nonEmpty = 0;
        for (var q = 0; q < 500; q++)
        {
            var from = fleet.NextPosition(margin: 0.05);
            var skills = fleet.NextSkills();
            var radius = fleet.NextRadius();

            var expected = BruteForce.Nearest(engineers, from, k, radius, skills);
            var actual = index.Nearest(from, k, radius, skills);

            IndexAssert.Same(expected, actual, $"query {q} from {from} k={k} r={radius} skills=[{string.Join(",", skills)}]");
            nonEmpty += actual.Count > 0 ? 1 : 0;
        }

        Assert.True(nonEmpty > 300, $"only {nonEmpty} queries found anyone: the test would prove little");
    }

    [Fact]
    public void An_extra_filter_is_applied_exactly()
    {
        var fleet = new Fleet(seed: 5);
        var engineers = fleet.Engineers(3_000);
        var index = new EngineerIndex(Fleet.Center);
        engineers.ForEach(index.Upsert);
        var declined = engineers.Where((_, i) => i % 3 == 0).Select(e => e.Id).ToHashSet();
        bool NotDeclined(EngineerFacts e) => !declined.Contains(e.Id);

        for (var q = 0; q < 200; q++)
        {
            var from = fleet.NextPosition();
            var skills = fleet.NextSkills();
            IndexAssert.Same(
                BruteForce.Nearest(engineers, from, 8, double.PositiveInfinity, skills, NotDeclined),
                index.Nearest(from, 8, double.PositiveInfinity, skills, NotDeclined),
                $"query {q}");
        }
    }

    [Fact]
    public void A_sparse_fleet_far_from_the_origin_and_far_queries_stay_exact()
    {
        // The origin is in Beijing while engineers spread over eastern China and a few sit across the world:
        // the projection is badly distorted and some engineers are outside the grid, yet answers stay exact.
        var random = new Random(11);
        var engineers = new List<EngineerFacts>();
        for (var i = 0; i < 2_000; i++)
        {
            var at = i % 200 == 0
                ? new Position((random.NextDouble() * 160) - 80, (random.NextDouble() * 360) - 180)
                : new Position(20 + (random.NextDouble() * 25), 105 + (random.NextDouble() * 20));
            engineers.Add(new EngineerFacts($"e{i:D4}", at, new Dictionary<string, int>(), 1, 0, true));
        }

        var index = new EngineerIndex(new Position(39.9, 116.4), cellSizeMeters: 1_000);
        engineers.ForEach(index.Upsert);
        for (var q = 0; q < 300; q++)
        {
            var from = q % 10 == 0
                ? new Position((random.NextDouble() * 170) - 85, (random.NextDouble() * 360) - 180)
                : new Position(15 + (random.NextDouble() * 35), 100 + (random.NextDouble() * 30));
            var k = q % 2 == 0 ? 1 : 16;
            IndexAssert.Same(
                BruteForce.Nearest(engineers, from, k, double.PositiveInfinity, []),
                index.Nearest(from, k, double.PositiveInfinity, []),
                $"query {q} from {from} k={k}");
        }
    }

    [Fact]
    public void Equal_distances_are_ordered_by_id()
    {
        var spot = new Position(31.23, 121.47);
        var index = new EngineerIndex(Fleet.Center);
        foreach (var id in new[] { "d", "b", "e", "a", "c" })
        {
            index.Upsert(new EngineerFacts(id, spot, new Dictionary<string, int>(), 1, 0, true));
        }

        Assert.Equal(["a", "b", "c"], index.Nearest(new Position(31.24, 121.47), 3, double.PositiveInfinity, []).Select(c => c.Engineer.Id));
    }

    [Fact]
    public void The_nearest_across_a_cell_border_beats_a_nearer_looking_one_in_the_same_cell()
    {
        // With 1 km cells, the query sits at the east edge of its cell: an engineer 20 m east is in the next cell,
        // one 900 m west in the same cell. A search that stopped at the first cell with a hit would be wrong.
        var index = new EngineerIndex(new Position(31.23, 121.47), cellSizeMeters: 1_000);
        var metersPerDegreeLon = new LocalProjection(31.23).MetersPerDegreeLon;
        var edge = 121.47 + (1_000 / metersPerDegreeLon) - (5 / metersPerDegreeLon);
        index.Upsert(new EngineerFacts("west", new Position(31.2301, edge - (900 / metersPerDegreeLon)), new Dictionary<string, int>(), 1, 0, true));
        index.Upsert(new EngineerFacts("east", new Position(31.2301, edge + (20 / metersPerDegreeLon)), new Dictionary<string, int>(), 1, 0, true));

        Assert.Equal("east", index.Nearest(new Position(31.2301, edge), 1, double.PositiveInfinity, []).Single().Engineer.Id);
    }

    [Fact]
    public void Case_insensitive_skill_dictionaries_and_more_than_64_skills_match_brute_force()
    {
        // The index keeps skills as bits when it safely can; these engineers take its slower exact path instead.
        var random = new Random(99);
        var many = Enumerable.Range(0, 80).Select(i => $"skill{i}").ToArray();
        var engineers = new List<EngineerFacts>();
        for (var i = 0; i < 3_000; i++)
        {
            var skills = i % 3 == 0
                ? new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
                : new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var skill in many.Where(_ => random.NextDouble() < 0.2))
            {
                skills[i % 6 == 0 ? skill.ToUpperInvariant() : skill] = random.Next(0, 101);
            }

            var at = new Position(31.16 + (random.NextDouble() * 0.14), 121.36 + (random.NextDouble() * 0.22));
            engineers.Add(new EngineerFacts($"e{i:D4}", at, skills, 1, 0, random.NextDouble() < 0.9));
        }

        var index = new EngineerIndex(Fleet.Center);
        engineers.ForEach(index.Upsert);
        for (var q = 0; q < 300; q++)
        {
            var from = new Position(31.16 + (random.NextDouble() * 0.14), 121.36 + (random.NextDouble() * 0.22));
            string[] skills = q % 5 == 0 ? ["no-such-skill"] : [many[random.Next(many.Length)], many[random.Next(many.Length)]];
            var k = q % 2 == 0 ? 1 : 16;
            IndexAssert.Same(
                BruteForce.Nearest(engineers, from, k, double.PositiveInfinity, skills),
                index.Nearest(from, k, double.PositiveInfinity, skills),
                $"query {q} skills=[{string.Join(",", skills)}]");
        }
    }
}
