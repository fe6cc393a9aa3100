using Dispatch.Grains.Dispatching;
using Microsoft.Extensions.Logging;

namespace Dispatch.Grains.Live;

/// <summary>
/// Merges the region boards into the KPI tiles and the heatmap once a second and pushes what changed (only
/// the changed heat cells; the KPIs when a tile changed). Holds nothing that is not read again within a
/// second, so it needs no storage: after the loss of its silo the next merge rebuilds it from the region
/// boards, which rebuild themselves from theirs.
/// </summary>
public sealed class BoardSummaryGrain(RegionCatalog regions, LiveRelay relay, ServiceDay serviceDay, TimeProvider clock, ILogger<BoardSummaryGrain> logger) : Grain, IBoardSummaryGrain
{
    private static readonly TimeSpan MergeEvery = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, RegionTally> _tallies = [];
    private Dictionary<string, HeatCell> _heat = [];
    private Kpis? _kpis;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(Merge, new GrainTimerCreationOptions { DueTime = MergeEvery, Period = MergeEvery, Interleave = false, KeepAlive = true });
        return Task.CompletedTask;
    }

    public async Task<BoardSummary> Current()
    {
        // Read afresh: a console that (re)connects sees the board as of now, not as of the last push.
        await Read();
        return new BoardSummary([.. MergedHeat().Values], MergedKpis());
    }

    public Task Wake() => Task.CompletedTask;

    private async Task Merge(CancellationToken cancellationToken)
    {
        await Read();
        var heat = MergedHeat();
        var changed = heat.Values.Where(c => !_heat.TryGetValue(HeatGrid.KeyOf(c), out var sent) || Math.Abs(sent.Value - c.Value) > 1e-9).ToList();
        changed.AddRange(_heat.Values.Where(c => !heat.ContainsKey(HeatGrid.KeyOf(c))).Select(c => c with { Value = 0 }));
        _heat = heat;
        if (changed.Count > 0)
        {
            await relay.Heat(changed);
        }
        var kpis = MergedKpis();
        if (_kpis is null || kpis with { At = _kpis.At } != _kpis)
        {
            _kpis = kpis;
            await relay.KpisChanged(kpis);
        }
    }

    /// <summary>Every region board's tallies; a board that does not answer keeps its last ones until it does.</summary>
    private async Task Read()
    {
        var keys = regions.Map.All.Select(r => r.Id).Append(RegionBoards.Outside).ToList();
        var reads = keys.Select(k => GrainFactory.Grain<IRegionBoardGrain>(k).Tally()).ToList();
        for (var i = 0; i < keys.Count; i++)
        {
            try
            {
                _tallies[keys[i]] = await reads[i];
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug(ex, "The live board of region {Region} did not answer; its last tallies stand", keys[i]);
            }
        }
    }

    private Dictionary<string, HeatCell> MergedHeat()
    {
        var cells = new Dictionary<string, HeatCell>();
        foreach (var cell in _tallies.Values.SelectMany(t => t.Heat))
        {
            var key = HeatGrid.KeyOf(cell);
            cells[key] = cells.TryGetValue(key, out var existing) ? existing with { Value = existing.Value + cell.Value } : cell;
        }
        foreach (var group in _tallies.Values.SelectMany(t => t.Responses).GroupBy(r => r.Cell))
        {
            var (lat, lon) = HeatGrid.CentreOf(group.Key);
            var minutes = group.Sum(r => r.SecondsSum) / group.Sum(r => r.Accepts) / 60;
            var cell = new HeatCell("response", group.Key, lat, lon, Math.Round(minutes, 2));
            cells[HeatGrid.KeyOf(cell)] = cell;
        }
        return cells;
    }

    private Kpis MergedKpis()
    {
        var all = _tallies.Values;
        var accepts = all.Sum(t => t.Accepts);
        // Compliance and "breached today" come from one source: of the tickets judged today (met on resolving,
        // or breached), the share that met. A breach counts at once, not when its ticket is resolved.
        var met = all.Sum(t => t.MetToday);
        var judged = met + all.Sum(t => t.BreachedToday);
        var now = clock.GetUtcNow();
        var day = serviceDay.WindowOf(now);
        return new Kpis(
            all.Sum(t => t.OpenBacklog),
            all.Sum(t => t.Unassigned),
            all.Sum(t => t.AtRisk),
            all.Sum(t => t.BreachedToday),
            accepts == 0 ? null : Math.Round(all.Sum(t => t.AcceptSecondsSum) / accepts, 1),
            judged == 0 ? null : Math.Round((double)met / judged, 4),
            now,
            day.Start,
            day.End);
    }
}
