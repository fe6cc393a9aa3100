using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dispatch.LoadGenerator;

// The shapes the load generator sends and reads: only the fields it needs (the server rejects unknown fields
// on requests, so requests carry exactly the API's names; responses may carry more than is read here).

internal sealed record TokenRequest(string Role, string? EngineerId = null, string? Name = null);
internal sealed record TokenResponse(string Token);
internal sealed record LatLon(double Lat, double Lon);
internal sealed record CustomerBody(string Name, string Tier, IReadOnlyList<object> Sites);
internal sealed record EngineerBody(string Name, Dictionary<string, int> Skills, LatLon HomeBase, int Capacity);
internal sealed record StatusBody(string Status);
internal sealed record PositionBody(double Lat, double Lon, DateTimeOffset At, double? Accuracy);
internal sealed record TicketBody(string CustomerId, string Title, string Description, string ServiceType, string Priority,
    LatLon Location, IReadOnlyList<string> RequiredSkills, string Channel, string ExternalId);
internal sealed record FieldActionBody(string? Reason = null, string? Notes = null);
internal sealed record TicketIdOnly(string Id);

/// <summary>The offer push (OfferPush); only what the simulated phone uses.</summary>
internal sealed record OfferPush(string EngineerId, string TicketId, double Lat, double Lon, double DistanceMeters, DateTimeOffset ExpiresAt);

/// <summary>An EngineerMarker from the dispatcher hub's "engineers" push.</summary>
internal sealed record EngineerMarker(string Id, string Status, DateTimeOffset PositionAt, int Jobs);

/// <summary>An AlertNote from the dispatcher hub's "alerts" push.</summary>
internal sealed record AlertNote(string Id, string? TicketId, string Kind);

internal sealed record WorkView(WorkEngineer? Engineer, WorkOffer? Offer, IReadOnlyList<WorkTicket>? Jobs);
internal sealed record WorkEngineer(WorkPosition? Position);
internal sealed record WorkPosition(LatLon? Point, DateTimeOffset At);
internal sealed record WorkOffer(WorkOfferDetails? Details);
internal sealed record WorkOfferDetails(string TicketId);
internal sealed record WorkTicket(string Id, string Status);

/// <summary>An answer: the status code (0 when the call never got one), the body when asked for, and the error kind.</summary>
internal readonly record struct CallResult<T>(int Status, T? Value, string? ErrorKind)
{
    public bool Ok => Status is >= 200 and < 300;
}

/// <summary>
/// HTTP access to Dispatch: two connection pools (intake, and everything else) so that engineers' calls never
/// queue behind ticket intake; HTTP/1.1 keep-alive; 429/503 retried after Retry-After.
/// </summary>
internal sealed class Api : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly HttpClient _intake;
    private readonly HttpClient _field;
    private readonly Metrics _metrics;

    public Uri Target { get; }

    public Api(Uri target, int connections, Metrics metrics)
    {
        Target = target;
        _metrics = metrics;
        _intake = NewClient(target, connections);
        _field = NewClient(target, connections);
    }

    private static HttpClient NewClient(Uri target, int connections) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        {
            BaseAddress = target,
            Timeout = TimeSpan.FromSeconds(30),
            DefaultRequestVersion = HttpVersion.Version11,
        };

    /// <summary>Whose intake the generator's tickets are: the subject /api/dev/token gives an intake token without a name.</summary>
    public const string IntakeCaller = "sub:dev-intake";

    /// <summary>The id the server derives from an external id (Grains/Abstractions/Tickets/TicketIds.cs): known before the POST returns.</summary>
    public static string TicketIdFor(string channel, string externalId) =>
        "t-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"external\n{IntakeCaller}\n{channel}\n{externalId}")))[..20];

    public async Task<string> TokenAsync(string role, string? engineerId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var r = await SendAsync<TokenResponse>(_field, HttpMethod.Post, "/api/dev/token", null, new TokenRequest(role, engineerId, engineerId), "token", 5, ct);
            if (r.Ok && r.Value is { } t)
            {
                return t.Token;
            }
            if (r.Status == 404)
            {
                throw new InvalidOperationException("POST /api/dev/token answered 404: the target does not run in Development (./dispatch up does)");
            }
            if (attempt >= 5)
            {
                throw new InvalidOperationException($"could not get a '{role}' token: {r.ErrorKind}");
            }
            await Task.Delay(200 * attempt, ct);
        }
    }

    public Task<CallResult<T>> Field<T>(HttpMethod method, string path, string token, object? body, string what, CancellationToken ct, int retries = 5) =>
        SendAsync<T>(_field, method, path, token, body, what, retries, ct);

    public Task<CallResult<T>> Intake<T>(string path, string token, object body, CancellationToken ct, int retries = 8) =>
        SendAsync<T>(_intake, HttpMethod.Post, path, token, body, "intake", retries, ct);

    public Task<CallResult<T>> IntakeRead<T>(string path, string token, CancellationToken ct) =>
        SendAsync<T>(_intake, HttpMethod.Get, path, token, null, "store-check", 10, ct);

    /// <summary>
    /// One call with retries: 429 and 503 after their Retry-After (default 1 s, at most 10 s), transport errors
    /// and timeouts after a short pause (every call the generator makes is idempotent: PUTs, POSTs with an
    /// externalId, and state transitions that answer 409 when already done). Each retry is counted as an error kind.
    /// </summary>
    private async Task<CallResult<T>> SendAsync<T>(HttpClient client, HttpMethod method, string path, string? token, object? body, string what, int retries, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            string kind;
            TimeSpan wait;
            try
            {
                using var request = new HttpRequestMessage(method, path);
                if (token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }
                if (typeof(T) == typeof(object) && method == HttpMethod.Post)
                {
                    // A command whose answer is not read, as the field app's actions: it asks for none (204), as the app does.
                    request.Headers.TryAddWithoutValidation("Prefer", "return=minimal");
                }
                if (body is not null)
                {
                    request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), Json));
                    request.Content.Headers.ContentType = JsonType;
                }
                var sentAt = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
                var status = (int)response.StatusCode;
                if (status is 429 or 503)
                {
                    _metrics.Refusals.RecordTicks(Stopwatch.GetTimestamp() - sentAt);
                    Interlocked.Increment(ref status == 429 ? ref _metrics.Refused429 : ref _metrics.Refused503);
                }
                if (status is >= 200 and < 300)
                {
                    var value = typeof(T) == typeof(object) || response.Content.Headers.ContentLength == 0
                        ? default
                        : await response.Content.ReadFromJsonAsync<T>(Json, ct);
                    return new CallResult<T>(status, value, null);
                }
                kind = $"{what}:{status}";
                if (status is 429 or 503 && attempt < retries)
                {
                    wait = response.Headers.RetryAfter?.Delta
                        ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : TimeSpan.FromSeconds(1));
                    wait = TimeSpan.FromMilliseconds(Math.Clamp(wait.TotalMilliseconds, 50, 10_000));
                    _metrics.Error(kind + "-retried");
                    if (what == "intake")
                    {
                        Interlocked.Increment(ref _metrics.IntakeRetries);
                    }
                    await Task.Delay(wait, ct);
                    continue;
                }
                if (status >= 400 && what is not ("token"))
                {
                    var detail = await response.Content.ReadAsStringAsync(ct);
                    RememberDetail(kind, detail);
                }
                return new CallResult<T>(status, default, kind);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (TaskCanceledException)
            {
                kind = $"{what}:timeout";
                wait = TimeSpan.FromMilliseconds(500);
            }
            catch (HttpRequestException ex)
            {
                kind = $"{what}:transport({ex.HttpRequestError})";
                wait = TimeSpan.FromMilliseconds(250 * (attempt + 1));
            }
            catch (JsonException)
            {
                return new CallResult<T>(0, default, $"{what}:bad-json");
            }
            if (attempt >= retries)
            {
                return new CallResult<T>(0, default, kind);
            }
            _metrics.Error(kind + "-retried");
            await Task.Delay(wait, ct);
        }
    }

    /// <summary>The first body seen for each error kind, so that a report can say what a 400 or 409 was about.</summary>
    public readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> ErrorSamples = new(StringComparer.Ordinal);

    private void RememberDetail(string kind, string detail) =>
        ErrorSamples.TryAdd(kind, detail.Length > 300 ? detail[..300] : detail);

    public void Dispose()
    {
        _intake.Dispose();
        _field.Dispose();
    }
}
