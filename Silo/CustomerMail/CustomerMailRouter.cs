using Dispatch.Silo.Projections;
using Npgsql;
using NpgsqlTypes;

namespace Dispatch.Silo.CustomerMail;

/// <summary>
/// Follows the event log (the read side's high-water mark, <see cref="CommittedEventLog"/>) and writes an outbox row
/// for every customer milestone, in the transaction that moves its checkpoint: an e-mail is owed exactly when its
/// event is in the log. The row's key is the event's id, so routing an event again never owes a second e-mail.
/// </summary>
public sealed class CustomerMailRouter(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public const string Follower = "customer-mail";

    public const int BatchSize = 1000;

    // One silo routes at a time.
    private const long RouterLockKey = 0x44_43_4d_61_69_6c_52_74; // "DCMailRt"

    private const string TicketStream = "ticket:";

    /// <summary>Routes the next batch of final events; how many it read (0: caught up, or another silo routes).</summary>
    public async Task<int> RouteOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await CommittedEventLog.LockCheckpointAsync(connection, transaction, Follower, RouterLockKey, cancellationToken) is not { } checkpoint)
        {
            return 0;
        }
        var events = await CommittedEventLog.ReadFinalEventsAsync(connection, transaction, checkpoint, BatchSize, cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }
        await using var batch = new NpgsqlBatch(connection, transaction);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var e in events.Where(e => e.Stream.StartsWith(TicketStream, StringComparison.Ordinal) && CustomerMilestones.LogTypes.Contains(e.Type)))
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO customer_mail_outbox (stream, sequence, ticket_id, event_type, event_at, data, next_attempt_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (stream, sequence) DO NOTHING
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = e.Stream });
            command.Parameters.Add(new NpgsqlParameter { Value = e.Sequence });
            command.Parameters.Add(new NpgsqlParameter { Value = e.Stream[TicketStream.Length..] });
            command.Parameters.Add(new NpgsqlParameter { Value = e.Type });
            command.Parameters.Add(new NpgsqlParameter { Value = e.At.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = e.Data.GetRawText(), NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            batch.BatchCommands.Add(command);
        }
        CommittedEventLog.AdvanceCheckpoint(batch, Follower, events);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }
}
