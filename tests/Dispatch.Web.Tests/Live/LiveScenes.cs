using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Live;

/// <summary>What the live tests set up over the API: a ten-minute SLA policy, tickets, engineers on duty.</summary>
public sealed class LiveScenes(LiveClusterFixture cluster)
{
    // Inside the sample city's Riverside district (greedy dispatch, no auto-accept).
    public const double Lat = 31.198;
    public const double Lon = 121.4765;
    public const string Region = "riverside";

    /// <summary>Gives the fast tier a ten-minute response target whose breach alerts the dispatcher.</summary>
    public async Task<string> FastPolicyAsync()
    {
        var tier = LiveClusterFixture.FastTier;
        var policy = "fast-" + Guid.NewGuid().ToString("N")[..6];
        using var admin = await cluster.App.ClientAsAsync("admin");
        var response = await admin.PutAsync($"/api/sla/policies/{policy}?position=0", Json($$"""
            {"id": "{{policy}}", "name": "Ten minutes", "match": {"tiers": ["{{tier}}"]},
             "targets": [{"metric": "response", "target": "00:10:00", "calendar": "24x7"}],
             "ladder": [{"id": "breach", "kind": "breach", "percent": 100, "level": 1, "actions": [{"type": "alertRole", "role": "dispatcher"}]}]}
            """));
        response.EnsureSuccessStatusCode();
        return tier;
    }

    public async Task<string> TicketAsync(string tier, string skill)
    {
        var customer = "cust-" + Guid.NewGuid().ToString("N")[..8];
        using var admin = await cluster.App.ClientAsAsync("admin");
        await admin.AddSkillAsync(skill);
        (await admin.PutAsync($"/api/customers/{customer}", Json($$"""{"name": "Acme", "tier": "{{tier}}", "sites": []}"""))).EnsureSuccessStatusCode();
        var response = await admin.PostAsync("/api/tickets", Json($$"""
            {"customerId": "{{customer}}", "title": "No cooling", "serviceType": "repair", "priority": "P3",
             "location": {"lat": {{Lat}}, "lon": {{Lon}}}, "requiredSkills": ["{{skill}}"], "channel": "web"}
            """));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public async Task EngineerAsync(string id, string skill, double lat)
    {
        using var admin = await cluster.App.ClientAsAsync("admin");
        await admin.AddSkillAsync(skill);
        (await admin.PutAsync($"/api/engineers/{id}", Json($$"""
            {"name": "Engineer {{id}}", "skills": {"{{skill}}": 90}, "homeBase": {"lat": {{lat}}, "lon": {{Lon}} } }
            """))).EnsureSuccessStatusCode();
        using var engineer = await cluster.App.ClientAsAsync("engineer", id);
        (await engineer.PostAsync($"/api/engineers/{id}/status", Json("""{"status":"Available"}"""))).EnsureSuccessStatusCode();
        var at = cluster.Clock.GetUtcNow().ToString("O");
        (await engineer.PostAsync($"/api/engineers/{id}/position", Json($$"""{"lat": {{lat}}, "lon": {{Lon}}, "at": "{{at}}"}"""))).EnsureSuccessStatusCode();
    }
}
