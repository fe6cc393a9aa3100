using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dispatch.Web.Tests.Webhooks;

/// <summary>A real HTTP receiver (Kestrel on 127.0.0.1) with one endpoint per test, each answering as the test says.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ReceiverEndpoint> _endpoints = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/{name}", receiver.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    /// <summary>A new endpoint; it answers 200 until told otherwise.</summary>
    public ReceiverEndpoint Endpoint()
    {
        var name = Guid.NewGuid().ToString("N");
        var endpoint = new ReceiverEndpoint(new Uri(BaseAddress, $"/hooks/{name}"));
        _endpoints[name] = endpoint;
        return endpoint;
    }

    private async Task<IResult> ReceiveAsync(string name, HttpRequest request)
    {
        if (!_endpoints.TryGetValue(name, out var endpoint))
        {
            return Results.NotFound();
        }
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        var headers = new HeaderDictionary();
        foreach (var (key, value) in request.Headers)
        {
            headers[key] = value;
        }
        var message = new ReceivedMessage(headers["webhook-id"].ToString(), body, headers, JsonDocument.Parse(body).RootElement.Clone());
        endpoint.Attempts.Enqueue(message);
        var status = await endpoint.Answer(message, request.HttpContext.RequestAborted);
        // A sender that gave up never hears this answer: its attempt is not an acceptance.
        if (status is >= 200 and < 300 && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            endpoint.Accepted.Enqueue(message);
        }
        return Results.StatusCode(status);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed class ReceiverEndpoint(Uri url)
{
    public Uri Url { get; } = url;

    /// <summary>Every request, in arrival order.</summary>
    public ConcurrentQueue<ReceivedMessage> Attempts { get; } = new();

    /// <summary>The requests answered with 2xx while the sender still waited, in arrival order.</summary>
    public ConcurrentQueue<ReceivedMessage> Accepted { get; } = new();

    /// <summary>What to answer (a status code); may wait, until the sender gives up.</summary>
    public Func<ReceivedMessage, CancellationToken, Task<int>> Answer { get; set; } = (_, _) => Task.FromResult(200);

    public int AttemptsOf(string messageId) => Attempts.Count(a => a.Id == messageId);
}

public sealed record ReceivedMessage(string Id, string Body, HeaderDictionary Headers, JsonElement Json)
{
    public string Type => Json.GetProperty("type").GetString()!;

    public string? TicketId => Json.GetProperty("data").TryGetProperty("ticketId", out var id) ? id.GetString() : null;

    public long Sequence => Json.GetProperty("data").GetProperty("sequence").GetInt64();
}
