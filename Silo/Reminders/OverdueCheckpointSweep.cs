using System.Diagnostics.Metrics;
using System.Globalization;
using Dispatch.Grains.Tickets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Dispatch.Silo.Reminders;

/// <summary>
/// Fires overdue SLA checkpoints soon after a silo loss instead of at their reminder's next period. A ticket
/// moves its reminder to its next checkpoint's instant each time it settles (or removes it), so a reminder row
/// whose start lies in the past means a checkpoint that nobody has handled: its ticket's silo died, or the reminder
/// service lags. Every few seconds each silo reads the most overdue of those rows and nudges their tickets; a
/// ticket settles (on activation, or on the nudge), fires what is due once (firing is recorded in its stored
/// state) and moves its reminder on, which takes it out of the next look. Nudging a healthy ticket is harmless.
/// </summary>
public sealed class OverdueCheckpointSweep(
    string connectionString,
    IGrainFactory grains,
    IOptions<OverdueSweepOptions> options,
    IOptions<ClusterOptions> cluster,
    TimeProvider clock,
    ILogger<OverdueCheckpointSweep> logger) : BackgroundService
{
    private const string OverdueSql = """
        SELECT grain_id FROM orleans_reminder
         WHERE service_id = $1 AND reminder_name = $2 AND start_time < $3
         ORDER BY start_time
         LIMIT $4
        """;

    public const string MeterName = "Dispatch.Sla";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Nudges = Meter.CreateCounter<long>("dispatch.sla.overdue_nudges", "{ticket}",
        "Tickets nudged because a checkpoint of theirs was overdue (their silo lost, or the reminder service late)");

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);
    private long _caughtUp;

    /// <summary>Tickets that answered this silo's nudge (and so settled their overdue checkpoints) since it started.</summary>
    public long CaughtUp => Interlocked.Read(ref _caughtUp);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(settings.Interval, clock, stoppingToken);
                await SweepOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database or the cluster is not there right now: the next look tries again.
                logger.LogWarning(ex, "The overdue-checkpoint sweep failed; trying again in {Interval}", settings.Interval);
            }
        }
    }

    /// <summary>One look: the most overdue tickets, nudged a bounded number at a time. Returns how many were nudged.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var overdue = await OverdueTicketsAsync(clock.GetUtcNow() - settings.Grace, settings.BatchSize, cancellationToken);
        if (overdue.Count == 0)
        {
            return 0;
        }
        logger.LogInformation("{Count} tickets have a checkpoint overdue by more than {Grace}; nudging them", overdue.Count, settings.Grace);
        await Parallel.ForEachAsync(overdue, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken },
            async (ticketId, _) =>
            {
                Nudges.Add(1);
                try
                {
                    await grains.Grain<ITicketGrain>(ticketId).CatchUp().WaitAsync(settings.NudgeTimeout, clock, cancellationToken);
                    Interlocked.Increment(ref _caughtUp);
                    logger.LogInformation("Ticket {TicketId}: caught up on an overdue checkpoint", ticketId);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    logger.LogDebug(ex, "Ticket {TicketId}: nudge for an overdue checkpoint not answered; the next look tries again", ticketId);
                }
            });
        return overdue.Count;
    }

    private async Task<List<string>> OverdueTicketsAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(OverdueSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cluster.Value.ServiceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = TicketGrain.WakeReminder });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var tickets = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tickets.Add(GrainId.Parse(reader.GetString(0), CultureInfo.InvariantCulture).Key.ToString()!);
        }
        return tickets;
    }

    public override void Dispose()
    {
        _dataSource.Dispose();
        base.Dispose();
    }
}
