namespace Dispatch.Grains.Live;

/// <summary>
/// The board's summary (key: 0): once a second it reads every region board's tallies and heat cells, merges
/// them into the KPI tiles and the heatmap, and pushes what changed. Off the hot path: its cost grows with
/// the number of regions, not with tickets or engineers; reading the region boards also brings back, within
/// a second, any of them lost with a silo.
/// </summary>
public interface IBoardSummaryGrain : IGrainWithIntegerKey
{
    /// <summary>The merged heatmap and KPIs, read from the region boards now.</summary>
    Task<BoardSummary> Current();

    /// <summary>Activates the summary (web nodes call it as they renew their subscription).</summary>
    Task Wake();
}
