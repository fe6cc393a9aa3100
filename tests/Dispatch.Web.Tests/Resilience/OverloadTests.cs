using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Resilience;

/// <summary>
/// Overload over real Kestrel: beyond its limits a web node refuses at once with 429 and Retry-After, a caller
/// trickling bodies holds no slot, one caller's flood does not starve another, and /health stays up.
/// </summary>
public sealed class OverloadTests(OverloadTests.Cluster cluster) : IClassFixture<OverloadTests.Cluster>
{
    [Fact]
    public async Task A_caller_trickling_bodies_holds_no_intake_slot_and_a_burst_beyond_capacity_gets_429_with_retry_after()
    {
        await using var app = Start(new()
        {
            ["Admission:Intake:Total"] = "2",
            ["Admission:Intake:PerCaller"] = "2",
            ["Admission:Intake:Queue"] = "0",
        });
        var token = await app.TokenAsync("intake");
        var customer = await CustomerAsync(app);

        // Six intakes of the same caller whose bodies never finish: admitted first, they would hold both slots.
        var trickling = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 6; i++)
            {
                trickling.Add(await StartTricklingIntakeAsync(Address(app), token));
            }

            using var client = Client(app, token);
            for (var i = 0; i < 5; i++)
            {
                var served = await client.PostAsync("/api/tickets", Json(Ticket(customer, $"CALM-{i}-{Guid.NewGuid():N}")));
                Assert.Equal(HttpStatusCode.Created, served.StatusCode);
            }

            // A burst beyond the two slots: the excess is refused with Retry-After, the rest served, nothing hangs.
            using var burst = Client(app, await app.TokenAsync("dispatcher"));
            var externalIds = Enumerable.Range(0, 40).Select(i => $"BURST-{i}-{Guid.NewGuid():N}").ToList();
            var responses = await Task.WhenAll(externalIds.Select(e => burst.PostAsync("/api/tickets", Json(Ticket(customer, e)))));
            var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            Assert.NotEmpty(refused);
            Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.TooManyRequests, r.StatusCode.ToString()));
            Assert.All(refused, r => Assert.Equal(TimeSpan.FromSeconds(1), r.Headers.RetryAfter?.Delta));
            var problem = await refused[0].Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("application/problem+json", refused[0].Content.Headers.ContentType?.MediaType);
            Assert.Contains("intake", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            trickling.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task One_caller_flooding_intake_does_not_starve_another()
    {
        await using var app = Start(new()
        {
            ["Admission:Intake:Total"] = "8",
            ["Admission:Intake:PerCaller"] = "2",
            ["Admission:Intake:Queue"] = "0",
        });
        var customer = await CustomerAsync(app);
        using var flooder = Client(app, await app.TokenAsync("intake"));
        using var other = Client(app, await app.TokenAsync("dispatcher"));

        using var stop = new CancellationTokenSource();
        var flood = FloodAsync(flooder, customer, stop.Token);
        var served = new List<HttpStatusCode>();
        try
        {
            for (var i = 0; i < 10; i++)
            {
                served.Add((await other.PostAsync("/api/tickets", Json(Ticket(customer, $"FAIR-{i}-{Guid.NewGuid():N}")))).StatusCode);
            }
        }
        finally
        {
            await stop.CancelAsync();
        }
        var flooded = await flood;

        Assert.All(served, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Contains(HttpStatusCode.TooManyRequests, flooded);
    }

    [Fact]
    public async Task Health_answers_200_while_intake_is_refusing()
    {
        await using var app = Start(new()
        {
            ["Admission:Intake:Total"] = "1",
            ["Admission:Intake:PerCaller"] = "1",
            ["Admission:Intake:Queue"] = "0",
        });
        var customer = await CustomerAsync(app);
        using var flooder = Client(app, await app.TokenAsync("intake"));
        using var anonymous = Client(app, token: null);

        using var stop = new CancellationTokenSource();
        var flood = FloodAsync(flooder, customer, stop.Token);
        var health = new List<HttpStatusCode>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                health.Add((await anonymous.GetAsync("/health")).StatusCode);
            }
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, await flood);
        Assert.All(health, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task Hub_positions_beyond_the_nodes_limit_are_refused_with_a_hub_exception_saying_when_to_retry()
    {
        await using var app = Start(new()
        {
            ["Admission:Positions:Total"] = "1",
            ["Admission:Positions:Queue"] = "0",
        });
        var connections = new List<HubConnection>();
        try
        {
            for (var i = 0; i < 12; i++)
            {
                var token = await app.TokenAsync("engineer", $"eng-flood-{i}-{Guid.NewGuid():N}"[..24]);
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(Address(app), "/hubs/engineer"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                    .Build();
                await connection.StartAsync();
                connections.Add(connection);
            }

            var outcomes = await Task.WhenAll(connections.SelectMany(c => Enumerable.Range(0, 10).Select(async i =>
            {
                try
                {
                    return await c.InvokeAsync<string>("ReportPosition", 31.198, 121.4765, DateTimeOffset.UtcNow.AddMilliseconds(i), 5.0);
                }
                catch (HubException refused)
                {
                    return refused.Message;
                }
            })));

            var busy = outcomes.Where(o => o.Contains("busy", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(busy);
            Assert.All(busy, b => Assert.Contains("retry after 1 s", b, StringComparison.Ordinal));
            Assert.Contains(outcomes, o => !o.Contains("busy", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Waves of concurrent intakes until stopped; the statuses seen.</summary>
    private static async Task<List<HttpStatusCode>> FloodAsync(HttpClient client, string customer, CancellationToken stop)
    {
        var seen = new List<HttpStatusCode>();
        do
        {
            var wave = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
                client.PostAsync("/api/tickets", Json(Ticket(customer, $"FLOOD-{Guid.NewGuid():N}")), CancellationToken.None)));
            seen.AddRange(wave.Select(r => r.StatusCode));
        }
        while (!stop.IsCancellationRequested);
        return seen;
    }

    /// <summary>An intake whose headers are sent and whose body stops after a few bytes; the connection stays open.</summary>
    private static async Task<TcpClient> StartTricklingIntakeAsync(Uri address, string token)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var head = $"POST /api/tickets HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {token}\r\n" +
                   "Content-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"customerId\": ";
        await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
        await tcp.GetStream().FlushAsync();
        return tcp;
    }

    private static async Task<string> CustomerAsync(DispatchWebApp app)
    {
        using var admin = Client(app, await app.TokenAsync("admin"));
        var customer = "cust-" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PutAsync($"/api/customers/{customer}", Json("""{"name": "Acme", "tier": "standard", "sites": []}"""))).EnsureSuccessStatusCode();
        return customer;
    }

    private DispatchWebApp Start(Dictionary<string, string?> settings)
    {
        var app = new DispatchWebApp(cluster.Database.ConnectionString, settings: settings);
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        return app;
    }

    private static Uri Address(DispatchWebApp app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private static HttpClient Client(DispatchWebApp app, string? token)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = Address(app) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    private static string Ticket(string customer, string externalId) => $$"""
        {"customerId": "{{customer}}", "title": "Overload", "serviceType": "repair", "priority": "P3",
         "location": {"lat": 31.198, "lon": 121.4765}, "requiredSkills": ["hvac"], "channel": "api", "externalId": "{{externalId}}"}
        """;

    /// <summary>A private PostgreSQL and one silo for the class; each test starts a web node with its own limits.</summary>
    public sealed class Cluster : IAsyncLifetime
    {
        private IHost? _silo;

        public PrivatePostgres Database { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Database = await PrivatePostgres.StartAsync();
            _silo = await SiloHosts.StartAsync(Database.ConnectionString, SiloHosts.SiloPorts.Free());
        }

        public async Task DisposeAsync()
        {
            if (_silo is not null)
            {
                await _silo.StopAsync();
                _silo.Dispose();
            }
            await Database.DisposeAsync();
        }
    }
}
