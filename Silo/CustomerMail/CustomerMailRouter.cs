using Dispatch.Grains.Mail;
using Dispatch.Silo.Projections;
using Npgsql;
using NpgsqlTypes;

namespace Dispatch.Silo.CustomerMail;

/// <summary>
/// Follows the event log (the read side's high-water mark, <see cref="CommittedEventLog"/>) and writes an outbox row
/// for every customer milestone, in the transaction that moves its checkpoint: an e-mail is owed exactly when its
/// event is in the log. The row's key is the event's id, so routing an event again never owes a second e-mail.
/// </summary>
/// <remarks>
/// With mail off (no Mail:Host) the row is written already settled, skipped with the reason: the sender would only have
/// claimed it to skip it. At 400 tickets/s that claim-and-skip loop took a third of a core of the database, and its
/// stream of settled rows left the pending index full of dead entries for every later claim to step over.
/// </remarks>
public sealed class CustomerMailRouter(NpgsqlDataSource dataSource, TimeProvider clock, IMailSender mail)
{
    /// <summary>What a row routed while mail is off says (the sender says the same of a pending row it finds with mail off).</summary>
    public const string MailOff = "mail is off (no Mail:Host)";

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
        var milestones = events.Where(e => e.Stream.StartsWith(TicketStream, StringComparison.Ordinal) && CustomerMilestones.LogTypes.Contains(e.Type))
            .ToList();
        if (milestones.Count > 0)
        {
            // One statement for the batch's milestones (arrays unnested), not one each: with one each, at 400 tickets/s,
            // this follower's connection took about as much of the database's CPU as the read models' projector.
            var routedAt = clock.GetUtcNow().UtcDateTime;
            var (state, finishedAt, error) = mail.Enabled ? ("pending", (DateTime?)null, (string?)null) : ("skipped", routedAt, MailOff);
            batch.Add("""
                INSERT INTO customer_mail_outbox (stream, sequence, ticket_id, event_type, event_at, data, next_attempt_at, state,
                                                  finished_at, last_error)
                SELECT stream, sequence, ticket_id, event_type, event_at, data::jsonb, $7, $8, $9, $10
                  FROM unnest($1, $2, $3, $4, $5, $6) AS m (stream, sequence, ticket_id, event_type, event_at, data)
                ON CONFLICT (stream, sequence) DO NOTHING
                """,
                SqlCommands.Typed(milestones.Select(e => e.Stream).ToArray(), NpgsqlDbType.Text),
                SqlCommands.Typed(milestones.Select(e => e.Sequence).ToArray(), NpgsqlDbType.Bigint),
                SqlCommands.Typed(milestones.Select(e => e.Stream[TicketStream.Length..]).ToArray(), NpgsqlDbType.Text),
                SqlCommands.Typed(milestones.Select(e => e.Type).ToArray(), NpgsqlDbType.Text),
                SqlCommands.Typed(milestones.Select(e => e.At.UtcDateTime).ToArray(), NpgsqlDbType.TimestampTz),
                SqlCommands.Typed(milestones.Select(e => e.Data.GetRawText()).ToArray(), NpgsqlDbType.Text),
                new NpgsqlParameter { Value = routedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                state,
                new NpgsqlParameter { Value = (object?)finishedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        }
        CommittedEventLog.AdvanceCheckpoint(batch, Follower, events);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }
}
