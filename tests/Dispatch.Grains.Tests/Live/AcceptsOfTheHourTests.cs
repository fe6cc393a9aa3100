using Dispatch.Grains.Live;
using Dispatch.Grains.Tests.Tickets;
using Dispatch.Testing;

namespace Dispatch.Grains.Tests.Live;

/// <summary>A region board counts every offer accepted in the last hour, however many, in a state that does not grow with them.</summary>
public sealed class AcceptsOfTheHourTests(TicketClusterFixture cluster) : IClassFixture<TicketClusterFixture>
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 2, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Offers_of_one_cell_and_five_minutes_are_one_slot()
    {
        List<AcceptSlot> slots = [];
        AcceptsOfTheHour.Add(slots, Noon.AddMinutes(1), "a", 10);
        AcceptsOfTheHour.Add(slots, Noon.AddMinutes(4).AddSeconds(59), "a", 20);
        AcceptsOfTheHour.Add(slots, Noon.AddMinutes(5), "a", 40);
        AcceptsOfTheHour.Add(slots, Noon.AddMinutes(2), "b", 80);

        Assert.Equal([(Noon, "a", 2, 30.0), (Noon.AddMinutes(5), "a", 1, 40.0), (Noon, "b", 1, 80.0)],
            slots.Select(s => (s.Start, s.Cell, s.Count, s.Seconds)));
        Assert.Equal([new ResponseTally("a", 3, 70), new ResponseTally("b", 1, 80)], AcceptsOfTheHour.ByCell(slots));
    }

    [Fact]
    public void A_slot_is_forgotten_only_once_it_ended_an_hour_ago()
    {
        List<AcceptSlot> slots = [];
        AcceptsOfTheHour.Add(slots, Noon.AddMinutes(4), "a", 10);

        Assert.False(AcceptsOfTheHour.DropOld(slots, Noon.AddMinutes(64).AddSeconds(-1))); // its last minute is still within the hour
        Assert.Single(slots);
        Assert.True(AcceptsOfTheHour.DropOld(slots, Noon.AddMinutes(65)));
        Assert.Empty(slots);
    }

    [Fact]
    public void An_earlier_releases_samples_are_folded_into_slots()
    {
        var facts = new RegionBoardFacts { Accepts = [new(Noon, "a", 10), new(Noon.AddMinutes(1), "a", 30), new(Noon, "b", 5)] };

        Assert.True(AcceptsOfTheHour.TakeEarlierSamples(facts));

        Assert.Empty(facts.Accepts);
        Assert.Equal([new ResponseTally("a", 2, 40), new ResponseTally("b", 1, 5)], AcceptsOfTheHour.ByCell(facts.AcceptSlots));
        Assert.False(AcceptsOfTheHour.TakeEarlierSamples(facts));
    }

    [Fact]
    public async Task A_board_counts_every_offer_of_the_hour_beyond_five_thousand_and_forgets_them_after_it()
    {
        var board = cluster.Grains.Grain<IRegionBoardGrain>("accepts-" + Guid.NewGuid().ToString("N")[..8]);
        var now = cluster.Clock.GetUtcNow();
        var accepts = Enumerable.Range(0, 6_000)
            .Select(i => new AcceptedOffer($"t-{i}", 31.23 + i % 3 * 0.01, 121.47, TimeSpan.FromSeconds(i % 2 == 0 ? 30 : 90), now))
            .ToList();

        await board.Record(new BoardChanges([], [], [], accepts, []));

        // Record is one way: the call returns before the board took the changes, and a read sent after it may be served first.
        var tally = await Eventually.Until(board.Tally, t => t.Accepts > 0, TimeSpan.FromSeconds(30), "the board to take the accepts");
        Assert.Equal(6_000, tally.Accepts);
        Assert.Equal(6_000 * 60.0, tally.AcceptSecondsSum);
        Assert.Equal([2_000, 2_000, 2_000], tally.Responses.Select(r => r.Accepts));

        cluster.Clock.Advance(AcceptsOfTheHour.Window + AcceptsOfTheHour.SlotLength);
        Assert.Equal(0, (await board.Tally()).Accepts);
    }
}
