using Dispatch.Grains.Live;

namespace Dispatch.Web.Live;

/// <summary>
/// Keeps this web node subscribed to the live board. The board forgets observers it has not heard from
/// for a minute (a node that died), so the node renews every 15 seconds; that also re-subscribes it to a
/// board that was re-activated after losing its silo.
/// </summary>
internal sealed class LiveFeedSubscription(IClusterClient cluster, LiveFeedObserver observer, ILogger<LiveFeedSubscription> logger) : BackgroundService
{
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The client keeps only a weak hold on the observer: this reference is what keeps it alive.
        var reference = cluster.CreateObjectReference<ILiveFeedObserver>(observer);
        var board = cluster.GetGrain<IOperationsBoardGrain>(0);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await board.Subscribe(reference);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not subscribe to the live board; retrying");
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
                await board.Unsubscribe(reference).WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug(ex, "Unsubscribing from the live board failed; it forgets this node in a minute");
            }
            cluster.DeleteObjectReference<ILiveFeedObserver>(reference);
        }
    }
}
