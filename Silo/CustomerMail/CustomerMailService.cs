using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dispatch.Silo.CustomerMail;

/// <summary>Routes the event log into the customer mail outbox and sends it, in every silo; locks let one silo at a time do each.</summary>
internal sealed class CustomerMailService(CustomerMailRouter router, CustomerMailSender sender, ILogger<CustomerMailService> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(2);

    // A cadence, like the projector's poll: real time even when a test fakes the silo's clock.
    private static readonly TimeProvider Cadence = TimeProvider.System;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var routed = await router.RouteOnceAsync(stoppingToken);
                var sent = await sender.SendDueAsync(stoppingToken);
                if (routed < CustomerMailRouter.BatchSize && sent < CustomerMailSender.BatchSize)
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
                // Nothing moved: the next pass routes and sends the same rows again.
                logger.LogWarning("Customer e-mail from the event log failed, retrying: {Error}", ex.Message);
                await Task.Delay(AfterFailure, Cadence, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
