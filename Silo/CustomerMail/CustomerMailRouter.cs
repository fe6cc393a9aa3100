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
/// With mail off (no Mail:Host) nothing is owed: the router moves its checkpoint over the milestones and writes no row, so
/// turning mail on later mails what happens from then on, not the backlog of the time it was off. A row per milestone,
/// settled as skipped, was 1,500 rows a second at 400 tickets/s, and the vacuums they caused held the read side back.
/// </remarks>
public sealed class CustomerMailRouter(NpgsqlDataSource dataSource, TimeProvider clock, IMailSender mail)
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
        var events = await CommittedEventLog.ReadFinalEventsAsync(connection, transaction, checkpoint, BatchSize, cancellationToken,
            dataOf: mail.Enabled ? CustomerMilestones.LogTypes : []);
        if (events.Count == 0)
        {
            return 0;
        }
        await using var batch = new NpgsqlBatch(connection, transaction);
        var milestones = !mail.Enabled ? [] : events
            .Where(e => e.Stream.StartsWith(TicketStream, StringComparison.Ordinal) && CustomerMilestones.LogTypes.Contains(e.Type))
            .ToList();
        if (milestones.Count > 0)
        {
            // One statement for the batch's milestones (arrays unnested), not one each: with one each, at 400 tickets/s,
            // this follower's connection took about as much of the database's CPU as the read models' projector.
            batch.Add("""
                INSERT INTO customer_mail_outbox (stream, sequence, ticket_id, event_type, event_at, data, next_attempt_at)
                SELECT stream, sequence, ticket_id, event_type, event_at, data::jsonb, $7
                  FROM unnest($1, $2, $3, $4, $5, $6) AS m (stream, sequence, ticket_id, event_type, event_at, data)
                ON CONFLICT (stream, sequence) DO NOTHING
                """,
                SqlCommands.Typed(milestones.Select(e => e.Stream).ToArray(), NpgsqlDbType.Text),
                SqlCommands.Typed(milestones.Select(e => e.Sequence).ToArray(), NpgsqlDbType.Bigint),
                SqlCommands.Typed(milestones.Select(e => e.Stream[TicketStream.Length..]).ToArray(), NpgsqlDbType.Text),
                SqlCommands.Typed(milestones.Select(e => e.Type).ToArray(), NpgsqlDbType.Text),
                SqlCommands.Typed(milestones.Select(e => e.At.UtcDateTime).ToArray(), NpgsqlDbType.TimestampTz),
                SqlCommands.Typed(milestones.Select(e => e.DataJson).ToArray(), NpgsqlDbType.Text),
                new NpgsqlParameter { Value = clock.GetUtcNow().UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        }
        CommittedEventLog.AdvanceCheckpoint(batch, Follower, events);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }
}
