using Orleans.Concurrency;

namespace Dispatch.Grains.Live;

/// <summary>
/// Gathers this silo's engineer markers (the latest per engineer) and hands them to their region boards
/// together. A region board pushes moves every 250 ms anyway, so gathering for a tenth of that adds little
/// to what a console sees, and a silo's engineers do not queue one by one at their region board.
/// </summary>
/// <remarks>
/// Nothing is forwarded on deactivation: an idle worker has nothing pending (the timer forwards every tenth
/// of a second), and a silo that stops takes the board's view of its engineers with it anyway; a call out
/// while the silo shuts down would only hold the shutdown up.
/// </remarks>
[StatelessWorker(1)]
public sealed class BoardFeedGrain : Grain, IBoardFeedGrain
{
    private static readonly TimeSpan ForwardEvery = TimeSpan.FromMilliseconds(100);

    private Dictionary<string, EngineerMarker> _pending = new(StringComparer.Ordinal);

    // The board each engineer was last handed to, so that one who crossed into another region leaves the old one.
    private readonly Dictionary<string, string> _boardOf = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(_ => Forward(),
            new GrainTimerCreationOptions { DueTime = ForwardEvery, Period = ForwardEvery, Interleave = false, KeepAlive = false });
        return Task.CompletedTask;
    }

    public Task EngineerChanged(EngineerMarker engineer)
    {
        _pending[engineer.Id] = engineer;
        return Task.CompletedTask;
    }

    private async Task Forward()
    {
        if (_pending.Count == 0)
        {
            return;
        }
        var left = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var engineer in _pending.Values)
        {
            var board = RegionBoards.KeyOf(engineer.Region);
            if (_boardOf.TryGetValue(engineer.Id, out var before) && before != board)
            {
                (left.TryGetValue(before, out var ids) ? ids : left[before] = []).Add(engineer.Id);
            }
            _boardOf[engineer.Id] = board;
        }
        var byBoard = _pending.Values.GroupBy(e => RegionBoards.KeyOf(e.Region)).ToList();
        _pending = new Dictionary<string, EngineerMarker>(StringComparer.Ordinal);
        // One way, like every report to the board: markers are hints, and the next change repeats them.
        foreach (var (board, ids) in left)
        {
            await GrainFactory.GetGrain<IRegionBoardGrain>(board).EngineersLeft(ids);
        }
        foreach (var group in byBoard)
        {
            await GrainFactory.GetGrain<IRegionBoardGrain>(group.Key).EngineersChanged([.. group]);
        }
    }
}
