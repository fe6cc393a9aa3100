using Orleans.Concurrency;

namespace Dispatch.Grains.Live;

/// <summary>
/// The live board's intake on each silo (key: 0, one local activation per silo): engineers report their
/// markers here instead of to their region's board, and the feed forwards what changed, region by region,
/// in one message every tenth of a second. A moving fleet then costs each region board a handful of calls a
/// second per silo, not one per position report.
/// </summary>
public interface IBoardFeedGrain : IGrainWithIntegerKey
{
    [OneWay]
    Task EngineerChanged(EngineerMarker engineer);
}
