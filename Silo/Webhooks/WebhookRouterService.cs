using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dispatch.Silo.Webhooks;

/// <summary>Routes the event log into the webhook outbox in every silo; the router's lock lets one silo at a time do it.</summary>
internal sealed class WebhookRouterService(WebhookRouter router, ILogger<WebhookRouterService> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(2);

    // A cadence, like the projector's poll: real time even when a test fakes the webhook clock.
    private static readonly TimeProvider Cadence = TimeProvider.System;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await router.RouteOnceAsync(stoppingToken) < WebhookRouter.BatchSize)
                {
                    await Task.Delay(PollInterval, Cadence, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The checkpoint did not move: the next pass routes the same events again.
                logger.LogWarning("Routing the event log to webhooks failed, retrying: {Error}", ex.Message);
                await Task.Delay(AfterFailure, Cadence, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
