using Dispatch.Grains.Common;
using Orleans.Concurrency;

namespace Dispatch.Grains.Live;

/// <summary>
/// One region's part of the live board (key: the region id, or <see cref="RegionBoards.Outside"/> for tickets
/// and engineers outside every region): its markers, alerts and today's tallies, stored so that the board is
/// whole again as soon as the region board is activated after the loss of its silo. Grains report to it one
/// way and never wait for it.
/// </summary>
public interface IRegionBoardGrain : IGrainWithStringKey
{
    /// <summary>What a silo's tickets and engineers changed, gathered by its <c>BoardFeed</c>.</summary>
    [OneWay]
    Task Record(BoardChanges changes);

    /// <summary>Raises an alert, or moves it on (one card per ticket and clock: the same id at another level or kind).</summary>
    [OneWay]
    Task Raise(AlertNote alert);

    /// <summary>The alert's chain was acknowledged (from a person's inbox): the card shows it.</summary>
    [OneWay]
    Task AlertAcknowledged(string alertId, Actor by);

    /// <summary>The region's markers and its latest alerts.</summary>
    [ReadOnly]
    Task<RegionBoardView> View();

    /// <summary>The region's KPI tallies and heat cells, which the summary merges.</summary>
    [ReadOnly]
    Task<RegionTally> Tally();

    /// <summary>Acknowledges an alert this region holds; null when it holds no such alert.</summary>
    Task<AlertNote?> Acknowledge(string alertId, Actor by);
}

/// <summary>Which region board a marker or alert goes to.</summary>
public static class RegionBoards
{
    /// <summary>The board of everything outside every region (not a valid region id, so it never clashes with one).</summary>
    public const string Outside = "_outside";

    public static string KeyOf(string? region) => region ?? Outside;
}
