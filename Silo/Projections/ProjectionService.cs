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

    // The lag is read beside the projecting, not between its batches: reading it costs the most when the projector is
    // furthest behind, which is when a pause between batches costs the most.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        RepeatAsync(async token => await projector.ProjectOnceAsync(token) < ReadModelProjector.BatchSize ? PollInterval : TimeSpan.Zero,
            ex => logger.LogWarning("Projecting the event log failed, retrying: {Error}", ex.Message), stoppingToken),
        RepeatAsync(async token =>
            {
                metrics.Record(await ReadModelProjector.ReadLagAsync(dataSource, token));
                return LagInterval;
            },
            // The gauge keeps its last reading; the projecting loop logs what the database says.
            _ => { }, stoppingToken));

    /// <summary>
    /// Runs a step until the silo stops, waiting as long as the step asks; a failure of the database (restarting, a
    /// failover) moved nothing, so the step is tried again after a pause.
    /// </summary>
    private static async Task RepeatAsync(Func<CancellationToken, Task<TimeSpan>> step, Action<Exception> failed,
        CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await step(stoppingToken) is var wait && wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, Cadence, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                failed(ex);
                await Task.Delay(AfterFailure, Cadence, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
