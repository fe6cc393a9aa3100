using System.Text.Json;
using Dispatch.Grains.Mail;
using Dispatch.Silo.Projections;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dispatch.Silo.CustomerMail;

/// <summary>
/// Sends the customer mail outbox a batch at a time: the rows longest due are claimed in one transaction, sent a few
/// at once (a ticket's own e-mails one after another, in the order of its events), and marked in that transaction: at
/// least once, and twice only for the rows of a batch whose silo stops between the SMTP server's answers and the
/// commit. One SMTP conversation at a time could not keep up with a busy day (four milestones a ticket), and the
/// outbox grew without end. One silo sends at a time. A failed send is tried again with a growing wait, for a day.
/// </summary>
/// <remarks>
/// The rows are claimed by the sender's lock, not locked themselves (only the sender changes them): a row lock takes a
/// transaction id, and a transaction id held through the SMTP conversations held back the high-water mark of every
/// follower of the event log (<see cref="CommittedEventLog"/>) for as long as a slow mail server took to answer.
/// </remarks>
public sealed class CustomerMailSender(NpgsqlDataSource dataSource, CustomerNotices notices, CustomerMailWriter writer, IMailSender mail,
    TimeProvider clock, ILogger<CustomerMailSender> logger)
{
    private const long SenderLockKey = 0x44_43_4d_61_69_6c_53_64; // "DCMailSd"

    /// <summary>Rows claimed by one transaction.</summary>
    public const int BatchSize = 64;

    /// <summary>What a row owed while mail was on says when the sender finds mail off (the router owes none while it is off).</summary>
    public const string MailOff = "mail is off (no Mail:Host)";

    /// <summary>SMTP conversations at once.</summary>
    private const int SendersAtOnce = 8;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(1);

    /// <summary>Sends the due e-mails of one batch; answers how many rows it settled (0 when none is due or another silo sends).</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await CommittedEventLog.TryLockAsync(connection, transaction, SenderLockKey, cancellationToken))
        {
            return 0;
        }
        var now = clock.GetUtcNow();
        var due = new List<Due>();
        await using (var next = new NpgsqlCommand("""
            SELECT stream, sequence, ticket_id, event_type, event_at, data::text, attempts
              FROM customer_mail_outbox
             WHERE state = 'pending' AND next_attempt_at <= @now
             ORDER BY next_attempt_at, event_at, stream, sequence
             LIMIT @batch
            """, connection, transaction))
        {
            next.Parameters.AddWithValue("now", now);
            next.Parameters.AddWithValue("batch", BatchSize);
            await using var reader = await next.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add(new Due(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                    reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5), reader.GetInt32(6)));
            }
        }
        if (due.Count == 0)
        {
            return 0;
        }

        var outcomes = new Outcome[due.Count];
        var byTicket = due.Select((row, index) => (row, index)).GroupBy(x => x.row.TicketId, StringComparer.Ordinal);
        await Parallel.ForEachAsync(byTicket, new ParallelOptions { MaxDegreeOfParallelism = SendersAtOnce, CancellationToken = cancellationToken },
            async (ticket, token) =>
            {
                foreach (var (row, index) in ticket)
                {
                    outcomes[index] = Settle(row, await SendAsync(row, token), now);
                }
            });

        await using (var record = new NpgsqlCommand("""
            UPDATE customer_mail_outbox AS o
               SET state = u.state, attempts = u.attempts, sent_to = u.sent_to, last_error = u.error, next_attempt_at = u.next,
                   finished_at = CASE WHEN u.state = 'pending' THEN NULL ELSE @now END
              FROM unnest(@stream, @sequence, @state, @attempts, @sentTo, @error, @next)
                   AS u (stream, sequence, state, attempts, sent_to, error, next)
             WHERE o.stream = u.stream AND o.sequence = u.sequence
            """, connection, transaction))
        {
            record.Parameters.AddWithValue("now", now);
            record.Parameters.AddWithValue("stream", due.Select(d => d.Stream).ToArray());
            record.Parameters.AddWithValue("sequence", due.Select(d => d.Sequence).ToArray());
            record.Parameters.AddWithValue("state", outcomes.Select(o => o.State).ToArray());
            record.Parameters.AddWithValue("attempts", outcomes.Select(o => o.Attempts).ToArray());
            record.Parameters.AddWithValue("sentTo", outcomes.Select(o => o.SentTo).ToArray());
            record.Parameters.AddWithValue("error", outcomes.Select(o => o.Error).ToArray());
            record.Parameters.AddWithValue("next", outcomes.Select(o => o.NextAttemptAt).ToArray());
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    /// <summary>What the row becomes after this attempt: a failure waits longer each time, and gives up after a day.</summary>
    private static Outcome Settle(Due due, (string State, string? SentTo, string? Error) sent, DateTimeOffset now)
    {
        var attempts = due.Attempts + 1;
        var state = sent.State == "pending" && now - due.EventAt >= GiveUpAfter ? "failed" : sent.State;
        var wait = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstRetry.Ticks * (1L << Math.Min(attempts - 1, 20))));
        return new Outcome(state, attempts, sent.SentTo, sent.Error, now + wait);
    }

    private async Task<(string State, string? SentTo, string? Error)> SendAsync(Due due, CancellationToken cancellationToken)
    {
        if (!mail.Enabled)
        {
            return ("skipped", null, MailOff);
        }
        try
        {
            using var data = JsonDocument.Parse(due.Data);
            var engineerId = data.RootElement.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object
                && details.TryGetProperty("engineerId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            var notice = await notices.ForAsync(due.TicketId, due.EventType, engineerId);
            if (notice is null)
            {
                return ("skipped", null, "no such ticket");
            }
            if (notice.Email is null)
            {
                return ("skipped", null, "the customer has no e-mail address");
            }
            await mail.SendAsync(writer.Write(notice.Email, due.EventType, notice, data.RootElement), cancellationToken);
            return ("sent", notice.Email, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("E-mail to the customer of ticket {TicketId} about {EventType} failed, will retry: {Error}", due.TicketId, due.EventType, ex.Message);
            return ("pending", null, ex.Message);
        }
    }

    private sealed record Due(string Stream, long Sequence, string TicketId, string EventType, DateTimeOffset EventAt, string Data, int Attempts);

    private readonly record struct Outcome(string State, int Attempts, string? SentTo, string? Error, DateTimeOffset NextAttemptAt);
}
