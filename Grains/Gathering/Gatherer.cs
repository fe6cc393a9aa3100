using Microsoft.Extensions.Logging;

namespace Dispatch.Grains.Gathering;

/// <summary>
/// Gathers what a silo's grains report to other grains (region boards, region dispatchers) and hands each target what
/// was gathered for it in one message, a short while after the first report: reports that arrive meanwhile ride along.
/// </summary>
/// <remarks>
/// The wait is measured on the wall clock (<see cref="TimeProvider.System"/>): it is a batching delay, not business
/// time, and a test's fake clock must not hold reports back. Nothing gathered is stored: what is gathered here are
/// hints that the next report repeats, and a silo that stops takes them with it.
/// </remarks>
/// <typeparam name="TBatch">What is gathered for one target.</typeparam>
public sealed class Gatherer<TBatch>(TimeSpan wait, Func<TBatch> empty, Func<string, TBatch, Task> handOver, ILogger logger)
    where TBatch : class
{
    private readonly Lock _gate = new();
    private Dictionary<string, TBatch> _pending = new(StringComparer.Ordinal);
    private bool _handOverScheduled;

    // Each target's last handover not yet done: the next one to the same target waits for it, so that a report handed
    // over at once (an engineer who left) is never overtaken by an older batch still on its way.
    private readonly Dictionary<string, Task> _lastHandOver = new(StringComparer.Ordinal);

    /// <summary>Adds to the batches of one or more targets at once: <paramref name="report"/> gets each by its key.</summary>
    public void Report(Action<Func<string, TBatch>> report)
    {
        lock (_gate)
        {
            report(BatchOf);
        }
    }

    /// <summary>Adds to one target's batch.</summary>
    public void Report(string target, Action<TBatch> report)
    {
        lock (_gate)
        {
            report(BatchOf(target));
        }
    }

    /// <summary>
    /// Adds to one target's batch and hands it over now, with whatever was gathered for it before: a report that must not
    /// wait (an engineer a region has never seen) overtakes nothing older, which would then arrive after it.
    /// </summary>
    public Task ReportNow(string target, Action<TBatch> report)
    {
        Turn turn;
        lock (_gate)
        {
            if (!_pending.Remove(target, out var batch))
            {
                batch = empty();
            }
            report(batch);
            turn = TakeTurn(target, batch);
        }
        return HandOver(turn);
    }

    // Under the gate.
    private TBatch BatchOf(string target)
    {
        if (!_pending.TryGetValue(target, out var batch))
        {
            _pending[target] = batch = empty();
        }
        if (!_handOverScheduled)
        {
            _handOverScheduled = true;
            _ = HandOverSoon();
        }
        return batch;
    }

    private async Task HandOverSoon()
    {
        await Task.Delay(wait, TimeProvider.System).ConfigureAwait(false);
        List<Turn> turns;
        lock (_gate)
        {
            turns = [.. _pending.Select(p => TakeTurn(p.Key, p.Value))];
            _pending = new Dictionary<string, TBatch>(StringComparer.Ordinal);
            _handOverScheduled = false;
        }
        // Side by side: one slow target does not hold up the others.
        await Task.WhenAll(turns.Select(HandOverLogged)).ConfigureAwait(false);
    }

    private async Task HandOverLogged(Turn turn)
    {
        try
        {
            await HandOver(turn).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not hand {Target} what this silo gathered for it; the next reports repeat it", turn.Target);
        }
    }

    // Under the gate.
    private Turn TakeTurn(string target, TBatch batch)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var after = _lastHandOver.GetValueOrDefault(target) ?? Task.CompletedTask;
        _lastHandOver[target] = done.Task;
        return new Turn(target, batch, after, done);
    }

    private async Task HandOver(Turn turn)
    {
        try
        {
            await turn.After.ConfigureAwait(false);
            await handOver(turn.Target, turn.Batch).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                if (_lastHandOver.TryGetValue(turn.Target, out var last) && last == turn.Done.Task)
                {
                    _lastHandOver.Remove(turn.Target);
                }
            }
            turn.Done.SetResult();
        }
    }

    /// <summary>One handover to one target, after that target's one before it (which never fails: it only ends).</summary>
    private sealed record Turn(string Target, TBatch Batch, Task After, TaskCompletionSource Done);
}
