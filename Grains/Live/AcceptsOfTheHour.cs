namespace Dispatch.Grains.Live;

/// <summary>
/// The accepted offers a region board counts for the last hour (mean time to accept, response heat), summed per heat
/// cell and five minutes. Kept one entry per offer, they were capped at 5,000, which is half a minute of a region at
/// 1,000 tickets/s, and were most of the board's stored state; the slots grow with the region's cells, not its rate.
/// </summary>
public static class AcceptsOfTheHour
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public static readonly TimeSpan SlotLength = TimeSpan.FromMinutes(5);

    public static void Add(List<AcceptSlot> slots, DateTimeOffset at, string cell, double seconds)
    {
        var start = new DateTimeOffset(at.UtcTicks - at.UtcTicks % SlotLength.Ticks, TimeSpan.Zero);
        var slot = slots.FindLast(s => s.Start == start && s.Cell == cell);
        if (slot is null)
        {
            slot = new AcceptSlot { Start = start, Cell = cell };
            slots.Add(slot);
        }
        slot.Count++;
        slot.Seconds += seconds;
    }

    /// <summary>Moves the offers an earlier release kept one entry each into the slots; true if there were any.</summary>
    public static bool TakeEarlierSamples(RegionBoardFacts facts)
    {
        foreach (var sample in facts.Accepts)
        {
            Add(facts.AcceptSlots, sample.At, sample.Cell, sample.Seconds);
        }
        var taken = facts.Accepts.Count > 0;
        facts.Accepts.Clear();
        return taken;
    }

    /// <summary>
    /// Forgets the slots that ended an hour or more before <paramref name="now"/>: no offer of the last hour is
    /// forgotten, and none older than an hour and five minutes is counted.
    /// </summary>
    public static bool DropOld(List<AcceptSlot> slots, DateTimeOffset now) =>
        slots.RemoveAll(s => s.Start + SlotLength <= now - Window) > 0;

    public static List<ResponseTally> ByCell(IEnumerable<AcceptSlot> slots) =>
        [.. slots.GroupBy(s => s.Cell).Select(g => new ResponseTally(g.Key, g.Sum(s => s.Count), g.Sum(s => s.Seconds)))];
}
