using Npgsql;

namespace Dispatch.Silo.Projections;

/// <summary>
/// Following dispatch_events in commit order with the safe high-water mark: what every follower of the log
/// (the read models, the webhook outbox) shares, so the rule lives in one place.
/// </summary>
/// <remarks>
/// Events are read in commit order, (tx, position), and only below the snapshot's xmin: every transaction
/// below it has finished, so no event can appear later behind the checkpoint (migration 0006 and
/// docs/adr/0001-read-side-projections.md). A follower's checkpoint is a row of dispatch_projection_checkpoints,
/// moved in the same transaction as what it applied.
/// </remarks>
public static class CommittedEventLog
{
    /// <summary>
    /// Takes the follower's lock (one silo at a time) and its checkpoint row; null when another silo holds the lock.
    /// The checkpoint row's lock also orders the follower with a rebuild.
    /// </summary>
    public static Task<(string Tx, long Position)?> LockCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string follower, long lockKey, CancellationToken cancellationToken) =>
        CheckpointAsync(connection, transaction, follower, lockKey, lockRow: true, cancellationToken);

    /// <summary>
    /// Takes the follower's lock and reads its checkpoint without locking the row, so the transaction takes no
    /// transaction id and holds back no follower's high-water mark: for a follower that does slow work between reading
    /// a batch and writing it, then takes <see cref="LockCheckpointAsync"/> and writes only if the checkpoint is the same.
    /// </summary>
    public static Task<(string Tx, long Position)?> PeekCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string follower, long lockKey, CancellationToken cancellationToken) =>
        CheckpointAsync(connection, transaction, follower, lockKey, lockRow: false, cancellationToken);

    /// <summary>Takes a transaction-scoped advisory lock if nobody holds it: one silo at a time does what it guards.</summary>
    public static async Task<bool> TryLockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long lockKey,
        CancellationToken cancellationToken)
    {
        await using var locked = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@key)", connection, transaction);
        locked.Parameters.AddWithValue("key", lockKey);
        return (bool)(await locked.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<(string Tx, long Position)?> CheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string follower, long lockKey, bool lockRow, CancellationToken cancellationToken)
    {
        if (!await TryLockAsync(connection, transaction, lockKey, cancellationToken))
        {
            return null;
        }
        await using var checkpoint = new NpgsqlCommand(
            "SELECT last_tx::text, last_position FROM dispatch_projection_checkpoints WHERE projection = @projection"
            + (lockRow ? " FOR UPDATE" : ""),
            connection, transaction);
        checkpoint.Parameters.AddWithValue("projection", follower);
        await using var reader = await checkpoint.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"no checkpoint row for '{follower}'");
        }
        return (reader.GetString(0), reader.GetInt64(1));
    }

    /// <summary>
    /// The next final events after the checkpoint, in commit order; with <paramref name="dataOf"/>, the data of only the
    /// events of those types.
    /// </summary>
    /// <remarks>
    /// A follower that looks into few events' data need not have every event's JSON turned into text by PostgreSQL,
    /// sent, and made a string: for the customer-mail router that was all of the log's data for the milestones' few.
    /// </remarks>
    public static async Task<List<LoggedEvent>> ReadFinalEventsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        (string Tx, long Position) after, int limit, CancellationToken cancellationToken, IReadOnlyCollection<string>? dataOf = null)
    {
        await using var command = new NpgsqlCommand("""
            SELECT e.tx::text AS tx_text, e.position, e.stream, e.sequence, e.type, e.at, e.actor_name, e.actor_role,
                   CASE WHEN @all_data OR e.type = ANY(@data_of) THEN e.data::text END
              FROM dispatch_events e
             WHERE (e.tx, e.position) > (@tx::xid8, @position)
               AND e.tx < pg_snapshot_xmin(pg_current_snapshot())
             -- e.tx, the xid8, not its text (which would sort 1000 before 985)
             ORDER BY e.tx, e.position
             LIMIT @limit
            """, connection, transaction);
        command.Parameters.AddWithValue("tx", after.Tx);
        command.Parameters.AddWithValue("position", after.Position);
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("all_data", dataOf is null);
        command.Parameters.AddWithValue("data_of", dataOf?.ToArray() ?? []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<LoggedEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new LoggedEvent(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetString(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }
        return events;
    }

    /// <summary>Moves the follower's checkpoint past the last of <paramref name="events"/>, in the batch that applies them.</summary>
    public static void AdvanceCheckpoint(NpgsqlBatch batch, string follower, IReadOnlyList<LoggedEvent> events)
    {
        var last = events[^1];
        batch.Add("""
            UPDATE dispatch_projection_checkpoints
               SET last_tx = $2::xid8, last_position = $3, events_applied = events_applied + $4, updated_at = now()
             WHERE projection = $1
            """, follower, last.Tx, last.Position, (long)events.Count);
    }
}
