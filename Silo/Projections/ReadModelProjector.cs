using System.Text.Json;
using Npgsql;

namespace Dispatch.Silo.Projections;

/// <summary>
/// Applies the event log to the read models, one batch per transaction: the checkpoint moves in the same
/// transaction as the rows it covers, so every event is applied exactly once, also across a crash.
/// </summary>
/// <remarks>
/// Events are read in commit order, (tx, position), and only below the snapshot's xmin: every transaction
/// below it has finished, so no event can appear later behind the checkpoint (migration 0006 and
/// docs/adr/0001-read-side-projections.md). A stream's events are written by successive transactions of its
/// grain, each after the previous one committed, so they come in their order too.
/// </remarks>
public sealed class ReadModelProjector(NpgsqlDataSource dataSource)
{
    public const string Projection = "read-model";

    /// <summary>Events per transaction: big enough to catch up fast, small enough to keep each commit short.</summary>
    public const int BatchSize = 1000;

    // Only one silo projects at a time; the others find the lock taken and wait for their next turn.
    private const long ProjectorLockKey = 0x44_50_72_6f_6a_65_63_74; // "DProject"

    /// <summary>Applies the next batch of final events; how many it applied (0: caught up, or another silo is projecting).</summary>
    public async Task<int> ProjectOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var locked = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@key)", connection, transaction))
        {
            locked.Parameters.AddWithValue("key", ProjectorLockKey);
            if (!(bool)(await locked.ExecuteScalarAsync(cancellationToken))!)
            {
                return 0;
            }
        }

        // The checkpoint row's lock also orders us with dispatch_projections_rebuild().
        string lastTx;
        long lastPosition;
        await using (var checkpoint = new NpgsqlCommand(
            "SELECT last_tx::text, last_position FROM dispatch_projection_checkpoints WHERE projection = @projection FOR UPDATE",
            connection, transaction))
        {
            checkpoint.Parameters.AddWithValue("projection", Projection);
            await using var reader = await checkpoint.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException($"no checkpoint row for projection '{Projection}' (migration 0006)");
            }
            (lastTx, lastPosition) = (reader.GetString(0), reader.GetInt64(1));
        }

        var events = await ReadFinalEventsAsync(connection, transaction, lastTx, lastPosition, cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var e in events)
        {
            if (e.Stream.StartsWith(TicketProjection.StreamPrefix, StringComparison.Ordinal))
            {
                TicketProjection.Apply(batch, e);
            }
            else if (e.Stream.StartsWith(CustomerProjection.StreamPrefix, StringComparison.Ordinal))
            {
                CustomerProjection.Apply(batch, e);
            }
            else if (e.Stream.StartsWith(EngineerProjection.StreamPrefix, StringComparison.Ordinal))
            {
                EngineerProjection.Apply(batch, e);
            }
        }
        var last = events[^1];
        batch.Add("""
            UPDATE dispatch_projection_checkpoints
               SET last_tx = $2::xid8, last_position = $3, events_applied = events_applied + $4, updated_at = now()
             WHERE projection = $1
            """, Projection, last.Tx, last.Position, (long)events.Count);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }

    private static async Task<List<LoggedEvent>> ReadFinalEventsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string lastTx, long lastPosition, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT e.tx::text AS tx_text, e.position, e.stream, e.sequence, e.type, e.at, e.actor_name, e.actor_role, e.data::text
              FROM dispatch_events e
             WHERE (e.tx, e.position) > (@tx::xid8, @position)
               AND e.tx < pg_snapshot_xmin(pg_current_snapshot())
             -- e.tx, the xid8, not its text (which would sort 1000 before 985)
             ORDER BY e.tx, e.position
             LIMIT @limit
            """, connection, transaction);
        command.Parameters.AddWithValue("tx", lastTx);
        command.Parameters.AddWithValue("position", lastPosition);
        command.Parameters.AddWithValue("limit", BatchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<LoggedEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            using var data = JsonDocument.Parse(reader.GetString(8));
            events.Add(new LoggedEvent(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetString(6), reader.GetString(7), data.RootElement.Clone()));
        }
        return events;
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
