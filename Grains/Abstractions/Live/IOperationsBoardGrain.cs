using Dispatch.Grains.Common;
using Orleans.Concurrency;

namespace Dispatch.Grains.Live;

/// <summary>
/// The live operations board as the console reads it (key: 0, a stateless worker on every silo): it gathers
/// the snapshot from the region boards and the summary, and finds the region board that holds an alert. It
/// holds nothing itself, so reading the board never queues at one activation.
/// </summary>
public interface IOperationsBoardGrain : IGrainWithIntegerKey
{
    /// <summary>The board as of now, for the regions asked (none: all).</summary>
    [ReadOnly]
    Task<BoardSnapshot> Snapshot(IReadOnlyList<string> regions);

    /// <summary>An operator acknowledges an alert; it goes on the ticket's timeline.</summary>
    Task<AlertNote?> Acknowledge(string alertId, Actor by);

    [ReadOnly]
    Task<string> RegionsGeoJson();
}
