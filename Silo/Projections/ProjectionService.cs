using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dispatch.Silo.Projections;

/// <summary>
/// Keeps the read models current in every silo; the projector's lock lets one silo at a time do the work,
/// and another takes over within a poll when that silo stops.
/// </summary>
internal sealed class ProjectionService(ReadModelProjector projector, NpgsqlDataSource dataSource, ProjectionMetrics metrics,
    ILogger<ProjectionService> logger) : BackgroundService
{
    /// <summary>How often a caught-up projector looks for new events: well inside the 1 s lag target.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan LagInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(2);

    // The poll is infrastructure cadence, like Orleans' membership loops: real time even when grains run on a test's fake clock.
    private static readonly TimeProvider Cadence = TimeProvider.System;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lagMeasuredAt = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var applied = await projector.ProjectOnceAsync(stoppingToken);
                if (Cadence.GetUtcNow() - lagMeasuredAt >= LagInterval)
                {
                    metrics.Record(await ReadModelProjector.ReadLagAsync(dataSource, stoppingToken));
                    lagMeasuredAt = Cadence.GetUtcNow();
                }
                if (applied < ReadModelProjector.BatchSize)
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
                // The database restarting or a failover: the checkpoint did not move, the next pass retries.
                logger.LogWarning("Projecting the event log failed, retrying: {Error}", ex.Message);
                await Task.Delay(AfterFailure, Cadence, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
