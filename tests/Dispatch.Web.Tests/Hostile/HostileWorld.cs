using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatch.Web.Tests.Infrastructure;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Hostile;

/// <summary>
/// A cluster with one customer, one engineer (available, with a position), one open ticket and one SLA policy,
/// and a client per role: what hostile requests aim at, and what must look the same after each of them.
/// </summary>
public sealed class HostileWorld : IAsyncLifetime
{
    // Inside the sample city's Riverside district.
    public const double Lat = 31.198;
    public const double Lon = 121.4765;

    private readonly WebClusterFixture _cluster = new();
    private readonly Dictionary<string, HttpClient> _clients = [];

    public string CustomerId { get; } = "cust-hostile-" + Guid.NewGuid().ToString("N")[..6];

    public string EngineerId { get; } = "eng-hostile-" + Guid.NewGuid().ToString("N")[..6];

    public string PolicyId { get; } = "policy-hostile-" + Guid.NewGuid().ToString("N")[..6];

    public string TicketId { get; private set; } = "";

    public WebClusterFixture Cluster => _cluster;

    /// <summary>What the state looked like after the last request that was checked.</summary>
    public string Baseline { get; set; } = "";

    public async Task InitializeAsync()
    {
        await _cluster.InitializeAsync();
        var admin = await ClientAsync("admin");
        (await admin.PutAsync($"/api/customers/{CustomerId}", Json("""
            {"name": "Hostile Holdings", "tier": "standard", "sites": [{"id": "main", "name": "Warehouse", "lat": 31.2, "lon": 121.5}]}
            """))).EnsureSuccessStatusCode();
        (await admin.PutAsync($"/api/engineers/{EngineerId}", Json($$"""
            {"name": "Engineer Hostile", "skills": {"hvac": 90}, "homeBase": {"lat": {{Lat}}, "lon": {{Lon}} } }
            """))).EnsureSuccessStatusCode();
        var engineer = await ClientAsync("engineer");
        (await engineer.PostAsync($"/api/engineers/{EngineerId}/status", Json("""{"status":"Available"}"""))).EnsureSuccessStatusCode();
        (await engineer.PostAsync($"/api/engineers/{EngineerId}/position",
            Json($$"""{"lat": {{Lat}}, "lon": {{Lon}}, "at": "{{DateTimeOffset.UtcNow:O}}"}"""))).EnsureSuccessStatusCode();
        (await admin.PutAsync($"/api/sla/policies/{PolicyId}", Json(PolicyBody(PolicyId)))).EnsureSuccessStatusCode();
        // A skill nobody has: the ticket waits in its region's queue, and nothing moves it while the tests run.
        await admin.AddSkillAsync("nobody-has-this");
        var intake = await ClientAsync("intake");
        var opened = await intake.PostAsync("/api/tickets", Json($$"""
            {"customerId": "{{CustomerId}}", "title": "No cooling", "serviceType": "repair", "priority": "P3",
             "location": {"lat": {{Lat}}, "lon": {{Lon}}}, "requiredSkills": ["nobody-has-this"], "channel": "web"}
            """));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        TicketId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        // Start from the state once every timeline entry is in the event log.
        Baseline = await Testing.Eventually.Until(StateAsync, StoredAsTimelineSays, TimeSpan.FromSeconds(30), "the ticket's events in the journal");
    }

    public static string PolicyBody(string id) => $$"""
        {"id": "{{id}}", "name": "Hostile test policy", "match": {"tiers": ["nobody"]},
         "targets": [{"metric": "response", "target": "01:00:00", "calendar": "24x7"}],
         "ladder": [{"id": "breach", "kind": "breach", "percent": 100, "level": 1, "actions": [{"type": "alertRole", "role": "dispatcher"}]}]}
        """;

    /// <summary>A client with a development token for the role; an engineer's token names the world's engineer.</summary>
    public async Task<HttpClient> ClientAsync(string role)
    {
        if (!_clients.TryGetValue(role, out var client))
        {
            client = await _cluster.App.ClientAsAsync(role, role == "engineer" ? EngineerId : null);
            _clients[role] = client;
        }
        return client;
    }

    /// <summary>
    /// Everything a hostile request could have changed, as text: the ticket (status, fields, timeline), the
    /// engineer, the customer's profile, the SLA book, and the events stored for the ticket and the customer.
    /// Values that change with the clock alone (SLA clock readings, a position's age) are left out.
    /// </summary>
    public async Task<string> StateAsync()
    {
        var dispatcher = await ClientAsync("admin");
        var ticket = JsonNode.Parse(await dispatcher.GetStringAsync($"/api/tickets/{TicketId}"))!.AsObject();
        ticket.Remove("sla");
        var engineer = JsonNode.Parse(await dispatcher.GetStringAsync($"/api/engineers/{EngineerId}"))!.AsObject();
        (engineer["position"] as JsonObject)?.Remove("age");
        var customer = JsonNode.Parse(await dispatcher.GetStringAsync($"/api/customers/{CustomerId}"))!.AsObject();
        var book = await dispatcher.GetStringAsync("/api/sla/policies");
        var events = await _cluster.Database.QueryScalarAsync<long>($"SELECT count(*) FROM dispatch_events WHERE stream = 'ticket:{TicketId}'");
        return string.Join("\n", ticket.ToJsonString(), engineer.ToJsonString(), customer["profile"]!.ToJsonString(),
            customer["openTickets"]!.ToJsonString(), book, $"timeline: {ticket["timeline"]!.AsArray().Count}", $"events: {events}");
    }

    private static bool StoredAsTimelineSays(string state)
    {
        var lines = state.Split('\n');
        return lines[^2]["timeline: ".Length..] == lines[^1]["events: ".Length..];
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
        await _cluster.DisposeAsync();
    }
}
