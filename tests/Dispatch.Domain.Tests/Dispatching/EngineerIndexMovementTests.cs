using Dispatch.Domain.Dispatching;
using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Tests.Dispatching;

public sealed class EngineerIndexMovementTests
{
    [Fact]
    public void Moving_adding_removing_and_changing_engineers_keeps_results_exact()
    {
        var fleet = new Fleet(seed: 42);
        var truth = fleet.Engineers(2_000).ToDictionary(e => e.Id);
        var index = new EngineerIndex(Fleet.Center, cellSizeMeters: 200);
        foreach (var e in truth.Values)
        {
            index.Upsert(e);
        }

        var nextId = truth.Count;
        for (var round = 0; round < 30; round++)
        {
            var ids = truth.Keys.ToList();
            for (var change = 0; change < 400; change++)
            {
                var id = ids[fleet.Random.Next(ids.Count)];
                if (!truth.TryGetValue(id, out var e))
                {
                    continue; // removed earlier in this round
                }

                EngineerFacts? moved = fleet.Random.Next(10) switch
                {
                    // A few metres: usually the same cell.
                    < 5 => e with { Position = new Position(e.Position.Lat + ((fleet.Random.NextDouble() - 0.5) * 1e-4), e.Position.Lon + ((fleet.Random.NextDouble() - 0.5) * 1e-4)) },
                    5 => e with { Position = fleet.NextPosition() },
                    6 => e with { Available = !e.Available },
                    7 => e with { ActiveJobs = fleet.Random.Next(0, e.Capacity + 1) },
                    8 => null,
                    _ => fleet.NextEngineer(id),
                };
                if (moved is null)
                {
                    Assert.True(index.Remove(id));
                    truth.Remove(id);
                }
                else
                {
                    index.Upsert(moved);
                    truth[id] = moved;
                }
            }

            for (var added = 0; added < 40; added++)
            {
                var e = fleet.NextEngineer($"n{nextId++:D6}");
                index.Upsert(e);
                truth[e.Id] = e;
            }

            Assert.Equal(truth.Count, index.Count);
            for (var q = 0; q < 40; q++)
            {
                var from = fleet.NextPosition(margin: 0.02);
                var skills = fleet.NextSkills();
                var k = q % 2 == 0 ? 1 : 16;
                var radius = fleet.NextRadius();
                IndexAssert.Same(
                    BruteForce.Nearest(truth.Values, from, k, radius, skills),
                    index.Nearest(from, k, radius, skills),
                    $"round {round} query {q}");
            }
        }
    }

    [Fact]
    public void A_moved_engineer_is_found_only_at_the_new_position()
    {
        var index = new EngineerIndex(Fleet.Center);
        var e = new EngineerFacts("e1", new Position(31.20, 121.40), new Dictionary<string, int>(), 1, 0, true);
        index.Upsert(e);
        index.Upsert(e with { Position = new Position(31.28, 121.55) });

        Assert.Equal(1, index.Count);
        Assert.Empty(index.Nearest(new Position(31.20, 121.40), 1, 1_000, []));
        Assert.Equal("e1", index.Nearest(new Position(31.28, 121.55), 1, 1_000, []).Single().Engineer.Id);
        Assert.True(index.TryGet("e1", out var stored));
        Assert.Equal(new Position(31.28, 121.55), stored.Position);
    }

    [Fact]
    public void A_removed_engineer_is_gone_and_removing_twice_says_so()
    {
        var index = new EngineerIndex(Fleet.Center);
        index.Upsert(new EngineerFacts("e1", Fleet.Center, new Dictionary<string, int>(), 1, 0, true));

        Assert.True(index.Remove("e1"));
        Assert.False(index.Remove("e1"));
        Assert.Equal(0, index.Count);
        Assert.Empty(index.Nearest(Fleet.Center, 1, double.PositiveInfinity, []));
    }
}
