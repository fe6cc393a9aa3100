using Orleans.Concurrency;

namespace Dispatch.Grains.Live;

/// <summary>
/// Gathers this silo's engineer markers (the latest per engineer) and hands them to the board together.
/// The board pushes moves every 250 ms anyway, so gathering for a tenth of that adds little to what a
/// console sees, and a silo's engineers no longer queue one by one at the single board activation.
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

    private Task Forward()
    {
        if (_pending.Count == 0)
        {
            return Task.CompletedTask;
        }
        var markers = _pending.Values.ToList();
        _pending = new Dictionary<string, EngineerMarker>(StringComparer.Ordinal);
        // One way, like every report to the board: markers are hints, and the next change repeats them.
        return GrainFactory.GetGrain<IOperationsBoardGrain>(0).EngineersChanged(markers);
    }
}
