using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dispatch.Silo.Webhooks;

/// <summary>
/// In every silo: starts a deliverer for each active subscription that no silo delivers yet (its advisory lock is
/// free). Each subscription runs on its own, so a slow or dead receiver holds up only its own messages.
/// </summary>
internal sealed class WebhookDeliveryService(
    NpgsqlDataSource dataSource,
    NpgsqlDataSource lockSource,
    HttpClient http,
    WebhookOptions options,
    TimeProvider clock,
    WebhookSignal signal,
    ILoggerFactory loggers) : BackgroundService
{
    /// <summary>How often subscriptions are looked for: a new, resumed or orphaned one starts within this.</summary>
    private static readonly TimeSpan ScanInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeProvider Cadence = TimeProvider.System;

    private readonly Dictionary<long, Task> _running = [];
    private readonly ILogger _logger = loggers.CreateLogger<WebhookDeliveryService>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    foreach (var number in await ActiveAsync(stoppingToken))
                    {
                        if (!_running.TryGetValue(number, out var task) || task.IsCompleted)
                        {
                            _running[number] = Task.Run(() => DeliverAsync(number, stoppingToken), stoppingToken);
                        }
                    }
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
                {
                    _logger.LogWarning("Looking for webhook subscriptions failed, retrying: {Error}", ex.Message);
                }
                await Task.Delay(ScanInterval, Cadence, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(_running.Values).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task<List<long>> ActiveAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT number FROM webhook_subscriptions WHERE NOT paused");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var numbers = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            numbers.Add(reader.GetInt64(0));
        }
        return numbers;
    }

    private async Task DeliverAsync(long number, CancellationToken stoppingToken)
    {
        try
        {
            await new SubscriptionDeliverer(number, dataSource, lockSource, http, options, clock, signal, _logger).RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // Nothing was marked delivered that was not: the next scan starts the subscription again.
            _logger.LogWarning("Delivering webhook subscription {Subscription} stopped, restarting: {Error}", number, ex.Message);
        }
    }
}
