using Dispatch.Grains.Common;
using Dispatch.Grains.Dispatching;
using Orleans.Concurrency;

namespace Dispatch.Grains.Live;

/// <summary>
/// The board as the console reads it, gathered from the region boards and the summary. A stateless worker:
/// it holds nothing, so any silo answers and no read queues behind another.
/// </summary>
[StatelessWorker]
public sealed class OperationsBoardGrain(RegionCatalog catalog) : Grain, IOperationsBoardGrain
{
    private const int AlertsShown = 200;

    public async Task<BoardSnapshot> Snapshot(IReadOnlyList<string> regions)
    {
        var watched = regions.Count > 0;
        var views = Task.WhenAll((watched ? [.. regions] : AllBoards()).Select(k => Board(k).View()));
        // Alerts outside every region belong to everyone, as they always did.
        var outside = watched ? Board(RegionBoards.Outside).View() : null;
        var summary = GrainFactory.Grain<IBoardSummaryGrain>(0).Current();
        var parts = await views;
        var alerts = parts.SelectMany(p => p.Alerts).Concat(outside is null ? [] : (await outside).Alerts);
        return new BoardSnapshot(
            // An engineer or ticket that changed region may linger on its old board for a moment: the latest wins.
            [.. parts.SelectMany(p => p.Tickets).GroupBy(t => t.Id).Select(g => g.MaxBy(t => t.ChangedAt)!)],
            [.. parts.SelectMany(p => p.Engineers).GroupBy(e => e.Id).Select(g => g.MaxBy(e => e.PositionAt)!)],
            [.. alerts.OrderByDescending(a => a.At).Take(AlertsShown)],
            (await summary).Heat,
            (await summary).Kpis);
    }

    public async Task<AlertNote?> Acknowledge(string alertId, Actor by)
    {
        // The alert's id does not say its region; only the board holding it answers.
        var answers = await Task.WhenAll(AllBoards().Select(k => Board(k).Acknowledge(alertId, by)));
        return answers.FirstOrDefault(a => a is not null);
    }

    public Task<string> RegionsGeoJson() => Task.FromResult(catalog.GeoJson);

    private List<string> AllBoards() => [.. catalog.Map.All.Select(r => r.Id), RegionBoards.Outside];

    private IRegionBoardGrain Board(string key) => GrainFactory.Grain<IRegionBoardGrain>(key);
}
