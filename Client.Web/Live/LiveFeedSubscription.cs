using Dispatch.Grains.Live;

namespace Dispatch.Web.Live;

/// <summary>
/// Keeps this web node on the live feed's list of listeners. The list forgets nodes it has not heard from
/// for a minute (a node that died), so the node renews every 5 seconds; that also puts it back on a list
/// that was re-activated after losing its silo, and wakes the board's summary (KPIs, heatmap) if it was lost.
/// </summary>
internal sealed class LiveFeedSubscription(IClusterClient cluster, LiveFeedObserver observer, ILogger<LiveFeedSubscription> logger) : BackgroundService
{
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The client keeps only a weak hold on the observer: this reference is what keeps it alive.
        var reference = cluster.CreateObjectReference<ILiveFeedObserver>(observer);
        var listeners = cluster.Grain<ILiveListenersGrain>(0);
        var summary = cluster.Grain<IBoardSummaryGrain>(0);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await listeners.Subscribe(reference);
                    await summary.Wake();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not subscribe to the live feed; retrying");
                }
                await Task.Delay(Renewal, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        finally
        {
            try
            {
                await listeners.Unsubscribe(reference).WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug(ex, "Unsubscribing from the live feed failed; it forgets this node in a minute");
            }
            cluster.DeleteObjectReference<ILiveFeedObserver>(reference);
        }
    }
}
