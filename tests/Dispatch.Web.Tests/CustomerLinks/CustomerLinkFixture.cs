using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Testing;
using Dispatch.Web.CustomerLinks;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.CustomerLinks;

/// <summary>
/// A private PostgreSQL, one silo whose grains run on a fake clock, and the web app whose customer links are judged
/// by the same clock (bearer tokens keep real time): a link expires, a reopen window passes and a follow-up's SLA
/// clock runs when the test moves the clock.
/// </summary>
public sealed class CustomerLinkFixture : IAsyncLifetime
{
    private IHost? _silo;

    /// <summary>The web app as configured; <see cref="App"/> is it with the links on the fake clock.</summary>
    private DispatchWebApp? Web { get; set; }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public PrivatePostgres Database { get; private set; } = null!;

    public WebApplicationFactory<Program> App { get; private set; } = null!;

    public IClusterClient Grains => App.Services.GetRequiredService<IClusterClient>();

    public async Task InitializeAsync()
    {
        Database = await PrivatePostgres.StartAsync();
        _silo = await SiloHosts.StartAsync(Database.ConnectionString, SiloHosts.SiloPorts.Free(), services: FakeClock.For(Clock),
            configuration: new Dictionary<string, string?> { ["Sla:CacheFreshness"] = "00:00:00" });
        Web = new DispatchWebApp(Database.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Customers:Links:RequestsPerMinute"] = "100000",
        });
        App = Web.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
            services.AddKeyedSingleton<TimeProvider>(CustomerLinkSetup.ClockKey, Clock)));
        _ = App.Server;
    }

    /// <summary>A client without a token: what a customer's phone is.</summary>
    public HttpClient Customer() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<HttpClient> ClientAsAsync(string role)
    {
        var client = App.CreateClient();
        var token = await client.PostAsJsonAsync("/api/dev/token", new { role });
        token.EnsureSuccessStatusCode();
        var body = await token.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("token").GetString());
        return client;
    }

    /// <summary>A consultation (no engineer needed) for a new customer: its id and customer link.</summary>
    public async Task<(string Id, string Link)> TicketAsync()
    {
        var customer = "cust-" + Guid.NewGuid().ToString("N")[..8];
        using var dispatcher = await ClientAsAsync("dispatcher");
        (await dispatcher.PutAsync($"/api/customers/{customer}", Json("""{"name": "Acme", "tier": "standard", "sites": []}"""))).EnsureSuccessStatusCode();
        using var intake = await ClientAsAsync("intake");
        var created = await intake.PostAsync("/api/tickets", Json($$"""
            {"customerId": "{{customer}}", "title": "How do I reset the chiller?", "serviceType": "consultation", "priority": "P3",
             "location": {"lat": 31.2304, "lon": 121.4737}, "channel": "phone"}
            """));
        created.EnsureSuccessStatusCode();
        var ticket = await created.Content.ReadFromJsonAsync<JsonElement>();
        return (ticket.GetProperty("id").GetString()!, ticket.GetProperty("customerLink").GetString()!);
    }

    /// <summary>A consultation the dispatcher has resolved: the customer can confirm, say it is not done, and answer.</summary>
    public async Task<(string Id, string Link)> ResolvedTicketAsync()
    {
        var ticket = await TicketAsync();
        using var dispatcher = await ClientAsAsync("dispatcher");
        (await dispatcher.PostAsync($"/api/tickets/{ticket.Id}/resolve", Json("""{"notes": "explained the reset"}"""))).EnsureSuccessStatusCode();
        return ticket;
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        if (Web is not null)
        {
            await Web.DisposeAsync();
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
