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
    public async Task ReportNow(string target, Action<TBatch> report)
    {
        TBatch batch;
        lock (_gate)
        {
            if (!_pending.Remove(target, out batch!))
            {
                batch = empty();
            }
            report(batch);
        }
        await handOver(target, batch);
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
        Dictionary<string, TBatch> batches;
        lock (_gate)
        {
            batches = _pending;
            _pending = new Dictionary<string, TBatch>(StringComparer.Ordinal);
            _handOverScheduled = false;
        }
        foreach (var (target, batch) in batches)
        {
            try
            {
                await handOver(target, batch);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not hand {Target} what this silo gathered for it; the next reports repeat it", target);
            }
        }
    }
}
