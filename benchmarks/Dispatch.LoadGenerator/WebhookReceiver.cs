using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dispatch.LoadGenerator;

internal sealed record SubscriptionBody(string Url, IReadOnlyList<string> EventTypes, string Description);
internal sealed record SubscriptionCreated(string Id, string Secret);

/// <summary>What the webhook receiver saw during the run.</summary>
internal sealed record WebhookReport(int Subscriptions, long Deliveries, long Duplicates, long OutOfOrder, long BadSignatures,
    long CreatedExpected, long CreatedMissing, double DeliveriesPerSecond, HistogramSummary EventToDelivery);

/// <summary>
/// --webhooks N: an integrator beside the load. A Kestrel receiver on 127.0.0.1 with N subscriptions to every ticket
/// event type; it verifies each message's Standard Webhooks signature, drops repeats by webhook-id (at least once),
/// checks the order per ticket, and measures event→delivery from the event's own timestamp (the server's clock, the
/// same machine). At the end every created ticket's ticket.created must have reached every subscription.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private static readonly string[] TicketEventTypes =
        ["ticket.created", "ticket.offered", "ticket.accepted", "ticket.en_route", "ticket.on_site", "ticket.resolved", "ticket.closed"];

    private readonly WebApplication _app;
    private readonly List<(string Id, byte[] Key)> _subscriptions = [];
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(int, string), long> _lastSequence = new();
    private readonly ConcurrentDictionary<(int, string), byte> _created = new();
    private readonly LatencyHistogram _latency = new("event→webhook delivered (event timestamp→arrival)");
    private long _deliveries, _duplicates, _outOfOrder, _badSignatures, _firstArrival, _lastArrival;

    private WebhookReceiver(WebApplication app) => _app = app;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/hook/{index:int}", receiver.ReceiveAsync);
        await receiver._app.StartAsync();
        return receiver;
    }

    private string BaseUrl => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public async Task SubscribeAsync(Api api, string adminToken, int count, string runId, CancellationToken ct)
    {
        for (var i = 0; i < count; i++)
        {
            var r = await api.Field<SubscriptionCreated>(HttpMethod.Post, "/api/webhooks/subscriptions", adminToken,
                new SubscriptionBody($"{BaseUrl}/hook/{i}", TicketEventTypes, $"load generator run {runId}"), "setup-webhook", ct);
            if (!r.Ok || r.Value is null)
            {
                throw new InvalidOperationException($"POST /api/webhooks/subscriptions: {r.ErrorKind}");
            }
            _subscriptions.Add((r.Value.Id, Convert.FromBase64String(r.Value.Secret["whsec_".Length..])));
        }
    }

    private async Task<IResult> ReceiveAsync(int index, HttpRequest request)
    {
        var arrived = DateTimeOffset.UtcNow;
        var arrivedTicks = Stopwatch.GetTimestamp();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var id = request.Headers["webhook-id"].ToString();
        if (index < 0 || index >= _subscriptions.Count || !SignatureHolds(_subscriptions[index].Key, id, request.Headers["webhook-timestamp"].ToString(),
                request.Headers["webhook-signature"].ToString(), body))
        {
            Interlocked.Increment(ref _badSignatures);
            return Results.Unauthorized();
        }
        if (!_seen.TryAdd($"{index}/{id}", 0))
        {
            Interlocked.Increment(ref _duplicates);
            return Results.NoContent();
        }
        Interlocked.Increment(ref _deliveries);
        Interlocked.CompareExchange(ref _firstArrival, arrivedTicks, 0);
        Interlocked.Exchange(ref _lastArrival, arrivedTicks);

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var data = root.GetProperty("data");
        var stream = data.GetProperty("stream").GetString()!;
        var sequence = data.GetProperty("sequence").GetInt64();
        var previous = _lastSequence.GetOrAdd((index, stream), 0);
        if (sequence <= previous)
        {
            Interlocked.Increment(ref _outOfOrder);
        }
        _lastSequence[(index, stream)] = Math.Max(previous, sequence);
        if (root.GetProperty("type").GetString() == "ticket.created" && data.TryGetProperty("ticketId", out var ticketId))
        {
            _created.TryAdd((index, ticketId.GetString()!), 0);
        }
        var happened = root.GetProperty("timestamp").GetDateTimeOffset();
        _latency.RecordTicks((long)((arrived - happened).TotalSeconds * Stopwatch.Frequency));
        return Results.NoContent();
    }

    /// <summary>Standard Webhooks: any "v1,{base64 HMAC-SHA256 of id.timestamp.body}" of the header matches.</summary>
    private static bool SignatureHolds(byte[] key, string id, string timestamp, string header, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        var expected = HMACSHA256.HashData(key, signed);
        Span<byte> given = stackalloc byte[32];
        foreach (var candidate in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate.StartsWith("v1,", StringComparison.Ordinal)
                && Convert.TryFromBase64String(candidate[3..], given, out var written) && written == 32
                && CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return true;
            }
        }
        return false;
    }

    private long CreatedMissing(IReadOnlyCollection<string> createdTickets) =>
        Enumerable.Range(0, _subscriptions.Count).Sum(i => createdTickets.LongCount(t => !_created.ContainsKey((i, t))));

    /// <summary>Waits (at most <paramref name="atMost"/>) until every created ticket's ticket.created reached every subscription.</summary>
    public async Task<WebhookReport> DrainAsync(IReadOnlyCollection<string> createdTickets, TimeSpan atMost, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(atMost.TotalSeconds * Stopwatch.Frequency);
        while (CreatedMissing(createdTickets) > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(250, ct);
        }
        var span = Stopwatch.GetElapsedTime(Interlocked.Read(ref _firstArrival), Interlocked.Read(ref _lastArrival)).TotalSeconds;
        var deliveries = Interlocked.Read(ref _deliveries);
        return new WebhookReport(_subscriptions.Count, deliveries, _duplicates, _outOfOrder, _badSignatures,
            (long)createdTickets.Count * _subscriptions.Count, CreatedMissing(createdTickets),
            Math.Round(deliveries / Math.Max(0.001, span), 1), _latency.Summary());
    }

    public async Task UnsubscribeAsync(Api api, string adminToken, CancellationToken ct)
    {
        foreach (var (id, _) in _subscriptions)
        {
            await api.Field<object>(HttpMethod.Delete, $"/api/webhooks/subscriptions/{id}", adminToken, null, "cleanup-webhook", ct);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
