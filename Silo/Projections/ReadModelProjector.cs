using Npgsql;

namespace Dispatch.Silo.Projections;

/// <summary>
/// Applies the event log to the read models, one batch per transaction: the checkpoint moves in the same
/// transaction as the rows it covers, so every event is applied exactly once, also across a crash. A batch reads the
/// rows of the tickets it touches once, folds their events onto them in memory (<see cref="TicketProjection"/>) and
/// writes each table back with one statement (<see cref="TicketRows"/>).
/// </summary>
/// <remarks>
/// Events are read in commit order, (tx, position), and only below the snapshot's xmin: every transaction
/// below it has finished, so no event can appear later behind the checkpoint (migration 0006 and
/// docs/adr/0001-read-side-projections.md). A stream's events are written by successive transactions of its
/// grain, each after the previous one committed, so they come in their order too.
/// </remarks>
public sealed class ReadModelProjector(NpgsqlDataSource dataSource, string reportZone = ReadModelProjector.DefaultReportZone,
    int batchSize = ReadModelProjector.BatchSize)
{
    /// <summary>The zone whose days the report summary counts in, unless Reports:TimeZone says otherwise (as the web node's reports).</summary>
    public const string DefaultReportZone = "Asia/Shanghai";

    public const string Projection = "read-model";

    /// <summary>
    /// Events per transaction at most. A caught-up projector's batches hold what came in since the last one; one that is
    /// behind takes more at once, and the bigger batch folds more of each ticket's events into one write of its row: at
    /// 400 tickets/s (3,900 events/s) batches of at most 1,000 events wrote a ticket's row for nearly every event, ran
    /// back to back with no room to catch up, and fell 15-20 s behind whenever the machine got busier.
    /// </summary>
    public const int BatchSize = 5000;

    // Only one silo projects at a time; the others find the lock taken and wait for their next turn.
    private const long ProjectorLockKey = 0x44_50_72_6f_6a_65_63_74; // "DProject"

    /// <summary>
    /// Tickets whose rows the last batch left in memory: the in-flight tickets of 400 tickets/s (4,000 of them at ten
    /// seconds each) several times over, or a few hours of a real service's open tickets.
    /// </summary>
    public const int RecentTicketsKept = 20_000;

    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(reportZone);
    private readonly RecentTickets _recent = new(RecentTicketsKept);
    // 1 while a batch runs: one at a time per projector, since the kept rows are its last batch's.
    private int _projecting;

    /// <summary>
    /// Applies the next batch of final events; how many it applied (0: caught up, or another silo, or another call on this
    /// projector, is projecting).
    /// </summary>
    public async Task<int> ProjectOnceAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _projecting, 1) == 1)
        {
            return 0;
        }
        try
        {
            return await ProjectBatchAsync(cancellationToken);
        }
        catch
        {
            // The fold may have changed kept rows that were never committed.
            _recent.Clear();
            throw;
        }
        finally
        {
            Volatile.Write(ref _projecting, 0);
        }
    }

    private async Task<int> ProjectBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await CommittedEventLog.LockCheckpointAsync(connection, transaction, Projection, ProjectorLockKey, cancellationToken) is not { } checkpoint)
        {
            return 0;
        }
        var events = await CommittedEventLog.ReadFinalEventsAsync(connection, transaction, checkpoint, batchSize, cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }

        // Each ticket's rows are read once (unless the last batch kept them), its events of the batch folded onto them in
        // order, and all written back at once.
        var summarised = ReportDays.Touched(events);
        var tickets = _recent.Take(summarised.Tickets, checkpoint);
        foreach (var (id, read) in await TicketRows.ReadAsync(connection, transaction, [.. summarised.Tickets.Where(id => !tickets.ContainsKey(id))],
                     cancellationToken))
        {
            tickets[id] = read;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        // The report summary (migration 0017) changes by what the batch's tickets add after it less what they added before.
        // Both are computed from the rows the fold holds (ReportDayChanges), unless the batch changes a customer's profile
        // (so the tier of all its tickets): then both are summed in SQL on either side of the batch's writes (0021).
        var summary = summarised.Customers.Length == 0 ? ReportDayChanges.Before(tickets.Values, _zone) : null;
        if (summary is null)
        {
            ReportDays.Stash(batch, -1, summarised, reportZone);
        }
        var engineers = new EngineerProjection();
        foreach (var e in events)
        {
            if (e.Stream.StartsWith(TicketProjection.StreamPrefix, StringComparison.Ordinal))
            {
                TicketProjection.Apply(tickets[TicketProjection.TicketIdOf(e)], e);
            }
            else if (e.Stream.StartsWith(CustomerProjection.StreamPrefix, StringComparison.Ordinal))
            {
                CustomerProjection.Apply(batch, e);
            }
            else if (e.Stream.StartsWith(EngineerProjection.StreamPrefix, StringComparison.Ordinal))
            {
                engineers.Apply(e);
            }
        }
        TicketRows.Write(batch, tickets.Values);
        engineers.Write(batch);
        if (summary is not null)
        {
            await summary.WriteAsync(batch, tickets.Values, cancellationToken);
        }
        else
        {
            ReportDays.Stash(batch, 1, summarised, reportZone);
            ReportDays.Settle(batch, summarised);
        }
        CommittedEventLog.AdvanceCheckpoint(batch, Projection, events);
        // The read models and their checkpoint are lost together or kept together, and what a crash loses of them is
        // projected again from the log, which is durable: the batch need not wait for its own WAL to reach the disk.
        batch.Add("SET LOCAL synchronous_commit = off");
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _recent.Keep(tickets.Values, (events[^1].Tx, events[^1].Position));
        return events.Count;
    }

    /// <summary>How far the read models are behind the log (<see cref="ProjectionLag"/>).</summary>
    public static async Task<ProjectionLag> ReadLagAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT events_behind, age_seconds FROM dispatch_projection_lag(@projection)");
        command.Parameters.AddWithValue("projection", Projection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ProjectionLag(reader.GetInt64(0), TimeSpan.FromSeconds(Math.Max(0, reader.GetDouble(1))));
    }
}

/// <summary>Events committed to the log but not yet in the read models, and how long the oldest has waited.</summary>
public sealed record ProjectionLag(long EventsBehind, TimeSpan Age);
