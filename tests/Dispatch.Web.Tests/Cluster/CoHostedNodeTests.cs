using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Grains.Storage;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Cluster;

/// <summary>
/// A web host that runs its own silo (Cluster:CoHosted, `./dispatch up --co-hosted`) is a whole Dispatch in one
/// process: on PostgreSQL it takes a ticket, offers it, and its engineer works it, with no other silo in the cluster.
/// </summary>
public sealed class CoHostedNodeTests
{
    private const double Lat = 31.198;
    private const double Lon = 121.436;

    [Fact]
    public async Task One_process_takes_a_ticket_offers_it_and_its_engineer_works_it()
    {
        await using var database = await PrivatePostgres.StartAsync();
        var ports = SiloHosts.SiloPorts.Free();
        await using var node = new DispatchWebApp(database.ConnectionString, settings: new Dictionary<string, string?>
        {
            [$"{ClusterSettings.SectionName}:CoHosted"] = "true",
            [$"{ClusterSettings.SectionName}:SiloPort"] = ports.SiloPort.ToString(CultureInfo.InvariantCulture),
            [$"{ClusterSettings.SectionName}:GatewayPort"] = ports.GatewayPort.ToString(CultureInfo.InvariantCulture),
        });

        using var anonymous = node.CreateClient();
        var health = await Eventually.Until(() => anonymous.GetFromJsonAsync<JsonElement>("/health"),
            h => h.GetProperty("status").GetString() == "up", TimeSpan.FromSeconds(60), "the node's health");
        Assert.Equal(1, health.GetProperty("checks").GetProperty("cluster").GetProperty("data").GetProperty("silos").GetInt32());
        // No silo but its own: the membership table holds this process alone.
        Assert.Equal(1L, await database.QueryScalarAsync<long>("SELECT count(*) FROM orleans_cluster_member WHERE status = 3"));

        var skill = "s" + Guid.NewGuid().ToString("N")[..8];
        const string engineerId = "eng-cohosted";
        using var admin = await node.ClientAsAsync("admin");
        await admin.AddSkillAsync(skill);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsync($"/api/engineers/{engineerId}", Json($$"""
            {"name": "Co Hosted", "skills": {"{{skill}}": 90}, "homeBase": {"lat": {{Lat}}, "lon": {{Lon}} }, "capacity": 1}
            """))).StatusCode);
        using var engineer = await node.ClientAsAsync("engineer", engineerId);
        Assert.Equal(HttpStatusCode.OK, (await engineer.PostAsync($"/api/engineers/{engineerId}/status", Json("""{"status":"Available"}"""))).StatusCode);
        var position = JsonSerializer.Serialize(new { lat = Lat, lon = Lon, at = DateTimeOffset.UtcNow, accuracy = 8.0 });
        Assert.Equal(HttpStatusCode.OK, (await engineer.PostAsync($"/api/engineers/{engineerId}/position", Json(position))).StatusCode);

        using var dispatcher = await node.ClientAsAsync("dispatcher");
        (await dispatcher.PutAsync("/api/customers/cust-cohosted", Json("""{"name": "Acme", "tier": "standard", "sites": []}"""))).EnsureSuccessStatusCode();
        using var intake = await node.ClientAsAsync("intake");
        var opened = await intake.PostAsync("/api/tickets", Json($$"""
            {"customerId": "cust-cohosted", "title": "No cooling", "serviceType": "repair", "priority": "P2",
             "location": {"lat": {{Lat}}, "lon": {{Lon}}}, "requiredSkills": ["{{skill}}"], "channel": "web"}
            """));
        Assert.True(opened.StatusCode == HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var ticketId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var offered = await Eventually.Until(() => dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}"),
            t => t.GetProperty("status").GetString() == "Offered", TimeSpan.FromSeconds(30), "the offer");
        Assert.Equal(engineerId, offered.GetProperty("assignedEngineerId").GetString());
        foreach (var (action, status) in new[] { ("accept", "Accepted"), ("en-route", "EnRoute"), ("on-site", "OnSite") })
        {
            Assert.Equal(HttpStatusCode.OK, (await engineer.PostAsync($"/api/tickets/{ticketId}/{action}", Json("{}"))).StatusCode);
            Assert.Equal(status, (await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}")).GetProperty("status").GetString());
        }

        // Stored as a silo stores them: the ticket's events are in the log, in order, and the read side projects them.
        Assert.Equal("ticket.created,ticket.triaged,ticket.dispatching,ticket.offered,ticket.accepted,ticket.en-route,ticket.on-site",
            await database.QueryScalarAsync<string>($"SELECT string_agg(type, ',' ORDER BY sequence) FROM dispatch_events WHERE stream = 'ticket:{ticketId}'"));
        await Eventually.Until(() => database.QueryScalarAsync<string>($"SELECT status FROM rm_tickets WHERE ticket_id = '{ticketId}'"),
            s => s == "OnSite", TimeSpan.FromSeconds(30), "the ticket in the read model");
    }
}
