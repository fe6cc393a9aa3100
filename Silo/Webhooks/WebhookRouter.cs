using System.Text;
using System.Text.Json;
using Dispatch.Grains.Notifications;
using Dispatch.Grains.Webhooks;
using Dispatch.Silo.CustomerMail;
using Dispatch.Silo.Projections;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Dispatch.Silo.Webhooks;

/// <summary>
/// The outbox: follows the event log (the read side's high-water mark, <see cref="CommittedEventLog"/>) and writes a
/// message for every subscription an event matches, in the transaction that moves its checkpoint, so every event is
/// routed exactly once, also across a crash. Delivery is someone else's job (<see cref="SubscriptionDeliverer"/>).
/// </summary>
/// <remarks>
/// A customer milestone's message also carries what an SMS or chat gateway tells the customer (<see cref="CustomerNotice"/>),
/// when the router has <paramref name="notices"/> (a silo has; a router without grains, as in the benchmark, has not).
/// </remarks>
public sealed class WebhookRouter(NpgsqlDataSource dataSource, TimeProvider clock, WebhookSignal signal, CustomerNotices? notices = null,
    WebhookOptions? options = null, ILogger<WebhookRouter>? logger = null)
{
    private readonly MilestoneNotices _milestones = new(notices, (options ?? new WebhookOptions()).NoticeTimeout, logger);

    public const string Follower = "webhooks";

    public const int BatchSize = 1000;

    // One silo routes at a time.
    private const long RouterLockKey = 0x44_57_65_62_68_6f_6f_6b; // "DWebhook"

    private const string TicketStream = "ticket:";
    private const string CustomerStream = "customer:";
    private const string PersonStream = NotificationEvents.StreamPrefix;

    /// <summary>Routes the next batch of final events; how many events it read (0: caught up, or another silo routes).</summary>
    /// <remarks>
    /// In two steps, so that the transaction that takes a transaction id (the checkpoint's row lock) lasts only the
    /// writes: while it is open, the safe high-water mark of every follower of the log stands still. First the events
    /// are read and their customer notices asked of the grains, outside it; then the checkpoint is locked, and the batch
    /// is written only if the checkpoint is still where the events were read from (else another silo routed them).
    /// </remarks>
    public async Task<int> RouteOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await ReadAsync(connection, cancellationToken) is not { Events.Count: > 0 } read)
        {
            return 0;
        }
        var found = await _milestones.ForAsync(read.Events, read.SubscribedTypes, cancellationToken);

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await CommittedEventLog.LockCheckpointAsync(connection, transaction, Follower, RouterLockKey, cancellationToken) is not { } checkpoint
            || checkpoint != read.Checkpoint)
        {
            return 0;
        }
        var events = read.Events;
        var subscriptions = await SubscriptionsAsync(connection, transaction, cancellationToken);
        var tickets = await TicketsAsync(connection, transaction, events, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var messages = new Messages();
        var created = new List<(string TicketId, TicketFacts Facts)>();
        var routedAt = clock.GetUtcNow().UtcDateTime;
        foreach (var e in events)
        {
            if (e.Type == "ticket.created" && e.Stream.StartsWith(TicketStream, StringComparison.Ordinal))
            {
                var facts = new TicketFacts(e.Detail("region"), e.Text("customerId") ?? e.Detail("customerId"));
                tickets[e.Stream[TicketStream.Length..]] = facts;
                created.Add((e.Stream[TicketStream.Length..], facts));
            }
            if (!WebhookEventTypes.ByLogType.TryGetValue(e.Type, out var webhookType))
            {
                continue;
            }
            var (ticketId, customerId, region) = Subject(e, tickets);
            var wanting = subscriptions.Where(s => s.Wants(webhookType, region, customerId)).ToList();
            if (wanting.Count == 0)
            {
                continue;
            }
            // A subscription made between the two steps may want a notice nobody asked for yet: the rare case, asked now.
            var notice = found.TryGetValue(e, out var asked) || !_milestones.Carries(e) ? asked : await _milestones.ForAsync(e, ticketId);
            var payload = Payload(e, webhookType, ticketId, customerId, region, notice);
            foreach (var subscription in wanting)
            {
                messages.Add(subscription.Number, e.Stream, webhookType, payload, e.At.UtcDateTime, routedAt);
            }
        }
        if (created.Count > 0)
        {
            // One statement for the batch's tickets (arrays unnested): one each was 400 statements a second at 400 tickets/s.
            batch.Add("""
                INSERT INTO webhook_tickets (ticket_id, region, customer_id)
                SELECT * FROM unnest($1, $2, $3)
                ON CONFLICT DO NOTHING
                """,
                SqlCommands.Typed(created.Select(c => c.TicketId).ToArray(), NpgsqlDbType.Text),
                SqlCommands.Typed(created.Select(c => c.Facts.Region).ToArray(), NpgsqlDbType.Text),
                SqlCommands.Typed(created.Select(c => c.Facts.CustomerId).ToArray(), NpgsqlDbType.Text));
        }
        if (messages.Count > 0)
        {
            messages.AddInsert(batch);
        }
        CommittedEventLog.AdvanceCheckpoint(batch, Follower, events);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (messages.Count > 0)
        {
            signal.Pulse();
        }
        return events.Count;
    }

    /// <summary>
    /// The checkpoint, the next final events after it and the webhook types subscribed to, under the router's lock but
    /// without a transaction id (nothing is locked or written); null when another silo routes.
    /// </summary>
    private static async Task<Read?> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await CommittedEventLog.PeekCheckpointAsync(connection, transaction, Follower, RouterLockKey, cancellationToken) is not { } checkpoint)
        {
            return null;
        }
        var events = await CommittedEventLog.ReadFinalEventsAsync(connection, transaction, checkpoint, BatchSize, cancellationToken);
        var types = events.Count == 0 ? [] : (await SubscriptionsAsync(connection, transaction, cancellationToken))
            .SelectMany(s => s.EventTypes).ToHashSet(StringComparer.Ordinal);
        await transaction.CommitAsync(cancellationToken);
        return new Read(checkpoint, events, types);
    }

    private sealed record Read((string Tx, long Position) Checkpoint, List<LoggedEvent> Events, IReadOnlySet<string> SubscribedTypes);

    private static (string? TicketId, string? CustomerId, string? Region) Subject(LoggedEvent e, Dictionary<string, TicketFacts> tickets)
    {
        if (e.Stream.StartsWith(TicketStream, StringComparison.Ordinal))
        {
            var ticketId = e.Stream[TicketStream.Length..];
            var facts = tickets.GetValueOrDefault(ticketId);
            return (ticketId, facts?.CustomerId, facts?.Region);
        }
        if (e.Stream.StartsWith(PersonStream, StringComparison.Ordinal))
        {
            // A notification is about its ticket (or customer): subscriptions filter it by theirs.
            var ticketId = e.Text("ticketId");
            var facts = ticketId is null ? null : tickets.GetValueOrDefault(ticketId);
            return (ticketId, e.Text("customerId") ?? facts?.CustomerId, facts?.Region);
        }
        return e.Stream.StartsWith(CustomerStream, StringComparison.Ordinal) ? (null, e.Stream[CustomerStream.Length..], null) : (null, null, null);
    }

    /// <summary>The ticket an event is about, if any: its stream's, or the one a notification names.</summary>
    internal static string? TicketOf(LoggedEvent e) =>
        e.Stream.StartsWith(TicketStream, StringComparison.Ordinal) ? e.Stream[TicketStream.Length..]
        : e.Stream.StartsWith(PersonStream, StringComparison.Ordinal) ? e.Text("ticketId")
        : null;

    /// <summary>The body integrators receive (README, "Webhooks"): the envelope the specification suggests, and the event as logged.</summary>
    private static string Payload(LoggedEvent e, string webhookType, string? ticketId, string? customerId, string? region, CustomerNotice? notice)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", webhookType);
            json.WriteString("timestamp", e.At.ToUniversalTime());
            json.WriteStartObject("data");
            json.WriteString("stream", e.Stream);
            json.WriteNumber("sequence", e.Sequence);
            WriteOptional(json, "ticketId", ticketId);
            WriteOptional(json, "customerId", customerId);
            WriteOptional(json, "region", region);
            json.WriteString("at", e.At.ToUniversalTime());
            json.WriteStartObject("actor");
            json.WriteString("name", e.ActorName);
            json.WriteString("role", e.ActorRole);
            json.WriteEndObject();
            json.WritePropertyName("event");
            e.Data.WriteTo(json);
            if (notice is not null)
            {
                // What a gateway needs to tell the customer by SMS or chat; no contact details leave with it.
                json.WriteStartObject("customer");
                WriteOptional(json, "statusLink", notice.StatusLink);
                WriteOptional(json, "engineerFirstName", notice.EngineerFirstName);
                if (notice.Eta is { } eta)
                {
                    json.WriteString("eta", eta.ToUniversalTime());
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static async Task<List<Subscription>> SubscriptionsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT number, event_types, region, customer_id FROM webhook_subscriptions", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var subscriptions = new List<Subscription>();
        while (await reader.ReadAsync(cancellationToken))
        {
            subscriptions.Add(new Subscription(reader.GetInt64(0), [.. reader.GetFieldValue<string[]>(1)],
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }
        return subscriptions;
    }

    /// <summary>Region and customer of the tickets of this batch that were created before it.</summary>
    private static async Task<Dictionary<string, TicketFacts>> TicketsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<LoggedEvent> events, CancellationToken cancellationToken)
    {
        var ids = events.Where(e => WebhookEventTypes.ByLogType.ContainsKey(e.Type)).Select(TicketOf).OfType<string>().Distinct().ToArray();
        var tickets = new Dictionary<string, TicketFacts>(StringComparer.Ordinal);
        if (ids.Length == 0)
        {
            return tickets;
        }
        await using var command = new NpgsqlCommand("SELECT ticket_id, region, customer_id FROM webhook_tickets WHERE ticket_id = ANY(@ids)",
            connection, transaction);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tickets[reader.GetString(0)] = new TicketFacts(reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }
        return tickets;
    }

    private sealed record TicketFacts(string? Region, string? CustomerId);

    private sealed record Subscription(long Number, HashSet<string> EventTypes, string? Region, string? CustomerId)
    {
        public bool Wants(string eventType, string? region, string? customerId) =>
            EventTypes.Contains(eventType)
            && (Region is null || string.Equals(Region, region, StringComparison.Ordinal))
            && (CustomerId is null || string.Equals(CustomerId, customerId, StringComparison.Ordinal));
    }

    /// <summary>The batch's messages as arrays: one INSERT however many there are.</summary>
    private sealed class Messages
    {
        private readonly List<long> _subscriptions = [];
        private readonly List<string> _keys = [];
        private readonly List<string> _types = [];
        private readonly List<string> _payloads = [];
        private readonly List<DateTime> _eventAts = [];
        private DateTime _routedAt;

        public int Count => _subscriptions.Count;

        public void Add(long subscription, string key, string type, string payload, DateTime eventAt, DateTime routedAt)
        {
            _subscriptions.Add(subscription);
            _keys.Add(key);
            _types.Add(type);
            _payloads.Add(payload);
            _eventAts.Add(eventAt);
            _routedAt = routedAt;
        }

        public void AddInsert(NpgsqlBatch batch)
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO webhook_messages (subscription, ordering_key, event_type, payload, event_at, routed_at, next_attempt_at)
                SELECT s, k, t, p, e, $6, $6 FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
                    WITH ORDINALITY AS m(s, k, t, p, e, n)
                 ORDER BY n
                """);
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = _subscriptions.ToArray() });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = _keys.ToArray() });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = _types.ToArray() });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = _payloads.ToArray() });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = _eventAts.ToArray() });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = _routedAt });
            batch.BatchCommands.Add(command);
        }
    }
}
