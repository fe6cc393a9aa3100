using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Resilience;

/// <summary>Two web nodes on one cluster: when one is lost, its engineers reconnect to the other and see their jobs.</summary>
public sealed class WebNodeFailoverTests
{
    [Fact]
    public async Task An_engineer_of_a_lost_web_node_reconnects_to_the_other_and_sees_its_job()
    {
        await using var database = await PrivatePostgres.StartAsync();
        var silo = await SiloHosts.StartAsync(database.ConnectionString, SiloHosts.SiloPorts.Free());
        var nodeA = Start(database.ConnectionString);
        await using var nodeB = Start(database.ConnectionString);
        try
        {
            var id = "eng-failover-" + Guid.NewGuid().ToString("N")[..6];
            var skill = "s" + id[^6..];
            using var admin = await nodeB.ClientAsAsync("admin");
            await admin.AddSkillAsync(skill);
            (await admin.PutAsync($"/api/engineers/{id}", Json($$"""
                {"name": "Failover", "skills": {"{{skill}}": 80}, "homeBase": {"lat": 31.198, "lon": 121.4765 } }
                """))).EnsureSuccessStatusCode();
            (await admin.PutAsync($"/api/customers/c-{id}", Json("""{"name": "Acme", "tier": "standard", "sites": []}"""))).EnsureSuccessStatusCode();

            var token = await nodeA.TokenAsync("engineer", id);
            await using var onA = await ConnectAsync(nodeA, token);
            using var engineerA = Client(nodeA, token);
            (await engineerA.PostAsync($"/api/engineers/{id}/status", Json("""{"status":"Available"}"""))).EnsureSuccessStatusCode();
            Assert.Equal("Accepted", await onA.InvokeAsync<string>("ReportPosition", 31.198, 121.4765, DateTimeOffset.UtcNow, 5.0));

            var ticket = await admin.PostAsync("/api/tickets", Json($$"""
                {"customerId": "c-{{id}}", "title": "Pump", "serviceType": "repair", "priority": "P2",
                 "location": {"lat": 31.198, "lon": 121.4766}, "requiredSkills": ["{{skill}}"], "channel": "api"}
                """));
            var ticketId = (await ticket.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            // The phone keeps reporting its position while it waits, as phones do.
            await Eventually.Until(async () =>
                {
                    await onA.InvokeAsync<string>("ReportPosition", 31.198, 121.4765, DateTimeOffset.UtcNow, 5.0);
                    return await engineerA.PostAsync($"/api/tickets/{ticketId}/accept", Json("{}"));
                },
                r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the offer to arrive and be accepted");

            await nodeA.DisposeAsync(); // the web node is lost with the engineer's connection on it

            await using var onB = await ConnectAsync(nodeB, token);
            using var engineerB = Client(nodeB, token);
            var work = await engineerB.GetFromJsonAsync<JsonElement>($"/api/engineers/{id}/work");
            Assert.Equal(ticketId, work.GetProperty("jobs")[0].GetProperty("id").GetString());
            Assert.Equal("Accepted", await onB.InvokeAsync<string>("ReportPosition", 31.1981, 121.4765, DateTimeOffset.UtcNow.AddSeconds(1), 5.0));
            Assert.Equal(HttpStatusCode.OK, (await engineerB.PostAsync($"/api/tickets/{ticketId}/en-route", Json("{}"))).StatusCode);
        }
        finally
        {
            await nodeA.DisposeAsync();
            await silo.StopAsync();
            silo.Dispose();
        }
    }

    private static DispatchWebApp Start(string connectionString)
    {
        var app = new DispatchWebApp(connectionString);
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        return app;
    }

    private static Uri Address(DispatchWebApp app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private static async Task<HubConnection> ConnectAsync(DispatchWebApp app, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Address(app), "/hubs/engineer"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await connection.StartAsync();
        return connection;
    }

    private static HttpClient Client(DispatchWebApp app, string token)
    {
        var client = new HttpClient { BaseAddress = Address(app) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
