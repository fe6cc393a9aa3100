using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Silo.Webhooks;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Webhooks;

/// <summary>
/// A private PostgreSQL, a silo whose webhook clock is fake (retries and dead-lettering without waiting; grains keep
/// real time), the web app, and a real HTTP receiver.
/// </summary>
public sealed class WebhookFixture : IAsyncLifetime
{
    private IHost? _silo;
    private string? _lastSubscription;

    public PrivatePostgres Database { get; private set; } = null!;

    public DispatchWebApp App { get; private set; } = null!;

    public WebhookReceiver Receiver { get; private set; } = null!;

    /// <summary>Starts at the real now: the independent verifier refuses timestamps far from its own clock.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public async Task InitializeAsync()
    {
        Database = await PrivatePostgres.StartAsync();
        _silo = await StartSiloAsync();
        App = new DispatchWebApp(Database.ConnectionString);
        _ = App.Server;
        Receiver = await WebhookReceiver.StartAsync();
        await WarmUpAsync();
    }

    /// <summary>
    /// One delivery before the tests: on a busy machine the first request through cold code can outlast the timeout,
    /// and a test that does not move the clock would then wait for a retry that never falls due.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var endpoint = Receiver.Endpoint();
        var (id, _) = await SubscribeAsync(endpoint, "\"ticket.created\"");
        await OpenConsultationAsync(await CustomerAsync());
        await UntilAsync(() =>
        {
            Clock.Advance(TimeSpan.FromSeconds(5));
            return Task.FromResult(endpoint.Accepted.Count);
        }, n => n >= 1, "the warm-up delivery");
        using var admin = await App.ClientAsAsync("admin");
        (await admin.DeleteAsync($"/api/webhooks/subscriptions/{id}")).EnsureSuccessStatusCode();
    }

    public Task<IHost> StartSiloAsync() => SiloHosts.StartAsync(Database.ConnectionString, SiloHosts.SiloPorts.Free(),
        services: services => services.AddKeyedSingleton<TimeProvider>(WebhookServices.ClockKey, Clock),
        configuration: new Dictionary<string, string?>
        {
            ["Webhooks:Timeout"] = "00:00:02",
            ["Webhooks:FirstRetry"] = "00:00:02",
            ["Webhooks:PollInterval"] = "00:00:00.050",
        });

    /// <summary>Stops the silo (as a deploy does) and starts a new one on the same database.</summary>
    public async Task RestartSiloAsync(Func<Task> whileStopped)
    {
        await _silo!.StopAsync();
        _silo.Dispose();
        await whileStopped();
        _silo = await StartSiloAsync();
    }

    public async Task<(string Id, string Secret)> SubscribeAsync(ReceiverEndpoint endpoint, string eventTypes, string? filters = null)
    {
        using var admin = await App.ClientAsAsync("admin");
        var response = await admin.PostAsync("/api/webhooks/subscriptions",
            Json($$"""{"url": "{{endpoint.Url}}", "eventTypes": [{{eventTypes}}]{{filters}}}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        _lastSubscription = body.GetProperty("id").GetString()!;
        return (_lastSubscription, body.GetProperty("secret").GetString()!);
    }

    /// <summary>
    /// <see cref="Eventually.Until"/> with a bound for a machine busy with other builds; when it gives up it says where
    /// the last subscription's messages and the router stood.
    /// </summary>
    public async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        try
        {
            return await Eventually.Until(probe, done, TimeSpan.FromMinutes(3), what);
        }
        catch (TimeoutException ex)
        {
            var messages = await Database.QueryScalarAsync<string>($"""
                SELECT string_agg(m.id || ' ' || m.state || ' attempts ' || m.attempts || ' ' || m.ordering_key || ' due ' || m.next_attempt_at
                                  || ' last ' || coalesce(m.last_status::text, '-') || ' ' || coalesce(m.last_error, '-'), '; ')
                  FROM webhook_messages m JOIN webhook_subscriptions s ON s.number = m.subscription WHERE s.id = '{_lastSubscription}'
                """);
            var router = await Database.QueryScalarAsync<string>(
                "SELECT last_tx::text || '/' || last_position || ' applied ' || events_applied FROM dispatch_projection_checkpoints WHERE projection = 'webhooks'");
            throw new TimeoutException($"{ex.Message}. Messages: {messages}. Router: {router}. Clock: {Clock.GetUtcNow():O}", ex);
        }
    }

    public async Task<string> CustomerAsync()
    {
        var id = "cust-" + Guid.NewGuid().ToString("N")[..8];
        using var dispatcher = await App.ClientAsAsync("dispatcher");
        var response = await dispatcher.PutAsync($"/api/customers/{id}", Json("""
            {"name": "Acme Cold Chain", "tier": "standard", "sites": [{"id": "main", "name": "Warehouse", "lat": 31.2, "lon": 121.5}]}
            """));
        response.EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>A consultation ticket (no dispatch): created, then resolved and closed when <see cref="FinishAsync"/> is called.</summary>
    public async Task<string> OpenConsultationAsync(string customerId)
    {
        using var intake = await App.ClientAsAsync("intake");
        var body = Tickets.TicketBodies.Valid(customerId);
        body["serviceType"] = "consultation";
        var response = await intake.PostAsync("/api/tickets", Json(body.ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public async Task FinishAsync(string ticketId)
    {
        using var dispatcher = await App.ClientAsAsync("dispatcher");
        (await dispatcher.PostAsync($"/api/tickets/{ticketId}/resolve", Json("""{"notes": "explained it"}"""))).EnsureSuccessStatusCode();
        (await dispatcher.PostAsync($"/api/tickets/{ticketId}/survey", Json("""{"csat": 5}"""))).EnsureSuccessStatusCode();
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var admin = await App.ClientAsAsync("admin");
        return await admin.GetFromJsonAsync<JsonElement>(path);
    }

    public async Task DisposeAsync()
    {
        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
        }
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }
}
