using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dispatch.Grains.Webhooks;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Dispatch.Silo.Webhooks;

/// <summary>
/// Delivers one subscription's messages: at least once, one ticket's messages one after another (a message is sent
/// only when every earlier message of its ticket is delivered or dead), different tickets' in parallel up to
/// <see cref="WebhookOptions.MaxConcurrency"/>. One deliverer per subscription in the whole cluster: it holds the
/// subscription's advisory lock on its own connection for as long as it runs.
/// </summary>
internal sealed class SubscriptionDeliverer(
    long subscription,
    NpgsqlDataSource dataSource,
    NpgsqlDataSource lockSource,
    HttpClient http,
    WebhookOptions options,
    TimeProvider clock,
    WebhookSignal signal,
    ILogger logger)
{
    // Advisory locks in two int keys: this class of lock, and the subscription's number.
    private const int LockClass = 0x44_57_48_53; // "DWHS"

    /// <summary>Runs until the subscription is paused or deleted, the lock is lost or the silo stops; false when another silo delivers it.</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        // Unpooled: closing the connection (or losing the silo) ends the session, and with it the lock.
        await using var session = await lockSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@class, @key)", session))
        {
            take.Parameters.AddWithValue("class", LockClass);
            take.Parameters.AddWithValue("key", (int)subscription);
            if (!(bool)(await take.ExecuteScalarAsync(cancellationToken))!)
            {
                return false;
            }
        }
        var random = new Random();
        while (!cancellationToken.IsCancellationRequested)
        {
            // Read on the lock's own session: if that connection broke, the lock may be gone and we must stop.
            if (await TargetAsync(session, cancellationToken) is not { Paused: false } target)
            {
                return true;
            }
            var due = await DueAsync(cancellationToken);
            if (due.Count == 0)
            {
                await signal.WaitAsync(options.PollInterval, cancellationToken);
                continue;
            }
            var sent = new List<(Due Message, Outcome Outcome)>[due.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, due.Count),
                new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken },
                async (i, ct) => sent[i] = await SendInOrderAsync(target, due[i], ct));
            var attempted = sent.SelectMany(chain => chain).ToList();
            await RecordAsync([.. attempted.Select(a => a.Message)], [.. attempted.Select(a => a.Outcome)], random, cancellationToken);
        }
        return true;
    }

    private async Task<Target?> TargetAsync(NpgsqlConnection session, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT url, paused, secret, previous_secret, previous_secret_expires_at FROM webhook_subscriptions WHERE number = @number", session);
        command.Parameters.AddWithValue("number", subscription);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var secrets = new List<string> { reader.GetString(2) };
        if (!reader.IsDBNull(3) && !reader.IsDBNull(4) && reader.GetFieldValue<DateTimeOffset>(4) > clock.GetUtcNow())
        {
            secrets.Add(reader.GetString(3));
        }
        return new Target(new Uri(reader.GetString(0)), reader.GetBoolean(1), secrets);
    }

    /// <summary>
    /// For each ticket whose first pending message is due (the oldest such first), its pending messages in order, up to
    /// <see cref="WebhookOptions.MessagesPerTicket"/> and up to the first that is not due: a ticket's messages routed
    /// together go out in one pass, one after another, instead of one pass (queries, sends, records) each.
    /// </summary>
    private async Task<List<List<Due>>> DueAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH heads AS (
                SELECT DISTINCT ON (ordering_key) ordering_key, id, next_attempt_at
                  FROM webhook_messages
                 WHERE subscription = @subscription AND state = 'pending'
                 ORDER BY ordering_key, id),
            due AS (
                SELECT ordering_key, id FROM heads WHERE next_attempt_at <= @now ORDER BY id LIMIT @tickets)
            SELECT d.id, m.id, m.payload, m.attempts, m.first_attempt_at, m.next_attempt_at <= @now
              FROM due d
             CROSS JOIN LATERAL (
                   SELECT id, payload, attempts, first_attempt_at, next_attempt_at
                     FROM webhook_messages
                    WHERE subscription = @subscription AND state = 'pending' AND ordering_key = d.ordering_key
                    ORDER BY id
                    LIMIT @per_ticket) AS m
             ORDER BY d.id, m.id
            """);
        command.Parameters.AddWithValue("subscription", subscription);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        command.Parameters.AddWithValue("tickets", Math.Max(1, options.TicketsPerPass));
        command.Parameters.AddWithValue("per_ticket", Math.Max(1, options.MessagesPerTicket));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var chains = new List<List<Due>>();
        var (head, cut) = (-1L, false);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetInt64(0) != head)
            {
                (head, cut) = (reader.GetInt64(0), false);
                chains.Add([]);
            }
            // A later message with a retry pending (a replayed dead one came first) keeps its backoff.
            cut |= !reader.GetBoolean(5);
            if (!cut)
            {
                chains[^1].Add(new Due(reader.GetInt64(1), reader.GetString(2), reader.GetInt32(3),
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
            }
        }
        return chains;
    }

    /// <summary>One ticket's messages one after another, each only once the one before it was answered 2xx: the first failure ends the chain.</summary>
    private async Task<List<(Due Message, Outcome Outcome)>> SendInOrderAsync(Target target, List<Due> chain, CancellationToken cancellationToken)
    {
        var sent = new List<(Due, Outcome)>(chain.Count);
        foreach (var message in chain)
        {
            var outcome = await SendAsync(target, message, cancellationToken);
            sent.Add((message, outcome));
            if (outcome.Error is not null)
            {
                break;
            }
        }
        return sent;
    }

    private async Task<Outcome> SendAsync(Target target, Due message, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        var messageId = MessageId(message.Id);
        var timestamp = at.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url)
        {
            Content = new StringContent(message.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(messageId, timestamp, message.Payload, target.Secrets));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return new Outcome(at, status, Stopwatch.GetElapsedTime(started), response.IsSuccessStatusCode ? null : $"HTTP {status}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Outcome(at, null, Stopwatch.GetElapsedTime(started), $"no answer within {options.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex)
        {
            return new Outcome(at, null, Stopwatch.GetElapsedTime(started), ex.Message);
        }
    }

    /// <summary>Every attempt into the delivery log, and each message delivered, retried later or dead: one round trip.</summary>
    private async Task RecordAsync(List<Due> due, List<Outcome> outcomes, Random random, CancellationToken cancellationToken)
    {
        var count = due.Count;
        var (ids, attempts, ats, statuses) = (new long[count], new int[count], new DateTime[count], new int?[count]);
        var (latencies, errors, states, nextAts, firsts) = (new double[count], new string?[count], new string[count], new DateTime[count], new DateTime[count]);
        for (var i = 0; i < count; i++)
        {
            var (message, outcome) = (due[i], outcomes[i]);
            var first = message.FirstAttemptAt ?? outcome.At;
            (ids[i], attempts[i], ats[i], statuses[i]) = (message.Id, message.Attempts + 1, outcome.At.UtcDateTime, outcome.Status);
            (latencies[i], errors[i], firsts[i]) = (outcome.Latency.TotalMilliseconds, outcome.Error, first.UtcDateTime);
            states[i] = outcome.Error is null ? "delivered" : outcome.At - first >= options.RetryFor ? "dead" : "pending";
            nextAts[i] = (outcome.At + (states[i] == "pending" ? RetrySchedule.After(attempts[i], options, random) : TimeSpan.Zero)).UtcDateTime;
            if (states[i] == "dead")
            {
                logger.LogWarning("Webhook message {MessageId} of subscription {Subscription} is dead after {Attempts} attempts: {Error}",
                    MessageId(message.Id), subscription, attempts[i], outcome.Error);
            }
        }
        await using var batch = dataSource.CreateBatch();
        var log = new NpgsqlBatchCommand("""
            INSERT INTO webhook_attempts (message, attempt, at, status_code, latency_ms, error)
            SELECT * FROM unnest($1::bigint[], $2::integer[], $3::timestamptz[], $4::integer[], $5::double precision[], $6::text[])
            ON CONFLICT DO NOTHING
            """);
        Add(log, NpgsqlDbType.Bigint, ids);
        Add(log, NpgsqlDbType.Integer, attempts);
        Add(log, NpgsqlDbType.TimestampTz, ats);
        Add(log, NpgsqlDbType.Integer, statuses);
        Add(log, NpgsqlDbType.Double, latencies);
        Add(log, NpgsqlDbType.Text, errors);
        batch.BatchCommands.Add(log);
        var update = new NpgsqlBatchCommand("""
            UPDATE webhook_messages m
               SET state = u.state, attempts = u.attempt, first_attempt_at = u.first, next_attempt_at = u.next_at,
                   finished_at = CASE WHEN u.state = 'pending' THEN NULL ELSE u.at END, last_status = u.status, last_error = u.error
              FROM unnest($1::bigint[], $2::integer[], $3::timestamptz[], $4::integer[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[])
                   AS u(id, attempt, at, status, error, state, next_at, first)
             WHERE m.id = u.id AND m.state = 'pending'
            """);
        Add(update, NpgsqlDbType.Bigint, ids);
        Add(update, NpgsqlDbType.Integer, attempts);
        Add(update, NpgsqlDbType.TimestampTz, ats);
        Add(update, NpgsqlDbType.Integer, statuses);
        Add(update, NpgsqlDbType.Text, errors);
        Add(update, NpgsqlDbType.Text, states);
        Add(update, NpgsqlDbType.TimestampTz, nextAts);
        Add(update, NpgsqlDbType.TimestampTz, firsts);
        batch.BatchCommands.Add(update);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Add(NpgsqlBatchCommand command, NpgsqlDbType type, Array values) =>
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | type, Value = values });

    public static string MessageId(long id) => "msg_" + id.ToString(CultureInfo.InvariantCulture);

    private sealed record Target(Uri Url, bool Paused, List<string> Secrets);

    private sealed record Due(long Id, string Payload, int Attempts, DateTimeOffset? FirstAttemptAt);

    private sealed record Outcome(DateTimeOffset At, int? Status, TimeSpan Latency, string? Error);
}
