using System.Text.Json;
using Dispatch.Grains.Mail;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dispatch.Silo.CustomerMail;

/// <summary>
/// Sends the customer mail outbox, one row per transaction, so a row is marked sent as soon as its e-mail went: at
/// least once, and twice only when a silo stops between the SMTP server's answer and the commit. One silo sends at a
/// time, oldest event first. A failed send is tried again with a growing wait, for a day.
/// </summary>
public sealed class CustomerMailSender(NpgsqlDataSource dataSource, CustomerNotices notices, CustomerMailWriter writer, IMailSender mail,
    TimeProvider clock, ILogger<CustomerMailSender> logger)
{
    private const long SenderLockKey = 0x44_43_4d_61_69_6c_53_64; // "DCMailSd"

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(1);

    /// <summary>Sends the next due e-mail; false when there is none (or another silo sends).</summary>
    public async Task<bool> SendOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var locked = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@key)", connection, transaction))
        {
            locked.Parameters.AddWithValue("key", SenderLockKey);
            if (!(bool)(await locked.ExecuteScalarAsync(cancellationToken))!)
            {
                return false;
            }
        }
        var now = clock.GetUtcNow();
        Due? due;
        await using (var next = new NpgsqlCommand("""
            SELECT stream, sequence, ticket_id, event_type, event_at, data::text, attempts
              FROM customer_mail_outbox
             WHERE state = 'pending' AND next_attempt_at <= @now
             ORDER BY event_at, stream, sequence
             LIMIT 1
               FOR UPDATE
            """, connection, transaction))
        {
            next.Parameters.AddWithValue("now", now);
            await using var reader = await next.ExecuteReaderAsync(cancellationToken);
            due = await reader.ReadAsync(cancellationToken)
                ? new Due(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4),
                    reader.GetString(5), reader.GetInt32(6))
                : null;
        }
        if (due is null)
        {
            return false;
        }

        var (state, sentTo, error) = await SendAsync(due, cancellationToken);
        var attempts = due.Attempts + 1;
        if (state == "pending" && now - due.EventAt >= GiveUpAfter)
        {
            state = "failed";
        }
        var wait = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstRetry.Ticks * (1L << Math.Min(attempts - 1, 20))));
        await using var record = new NpgsqlCommand("""
            UPDATE customer_mail_outbox
               SET state = @state, attempts = @attempts, sent_to = @sentTo, last_error = @error, next_attempt_at = @next,
                   finished_at = CASE WHEN @state = 'pending' THEN NULL ELSE @now END
             WHERE stream = @stream AND sequence = @sequence
            """, connection, transaction);
        record.Parameters.AddWithValue("state", state);
        record.Parameters.AddWithValue("attempts", attempts);
        record.Parameters.AddWithValue("sentTo", (object?)sentTo ?? DBNull.Value);
        record.Parameters.AddWithValue("error", (object?)error ?? DBNull.Value);
        record.Parameters.AddWithValue("next", now + wait);
        record.Parameters.AddWithValue("now", now);
        record.Parameters.AddWithValue("stream", due.Stream);
        record.Parameters.AddWithValue("sequence", due.Sequence);
        await record.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<(string State, string? SentTo, string? Error)> SendAsync(Due due, CancellationToken cancellationToken)
    {
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
            if (!mail.Enabled)
            {
                return ("skipped", null, "mail is off (no Mail:Host)");
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
}
