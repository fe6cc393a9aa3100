using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Web.Tests.Infrastructure;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Tickets;

/// <summary>A supervisor's forced assignment gives the job at once; a dispatcher may only offer.</summary>
public sealed class ForcedAssignmentTests(WebClusterFixture cluster) : IClassFixture<WebClusterFixture>
{
    // Inside the sample city's Riverside district.
    private const double Lat = 31.198;
    private const double Lon = 121.4765;

    [Fact]
    public async Task A_supervisor_forces_a_ticket_onto_another_engineer_who_has_it_at_once()
    {
        var skill = "s" + Guid.NewGuid().ToString("N")[..8];
        var (near, far) = ("eng-near-" + skill, "eng-far-" + skill);
        await EngineerAsync(near, skill, Lat + 0.001);
        await EngineerAsync(far, skill, Lat + 0.05);
        var ticketId = await TicketAsync(skill);
        using var supervisor = await cluster.App.ClientAsAsync("supervisor");
        await Testing.Eventually.Until(() => supervisor.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}"),
            t => t.GetProperty("status").GetString() == "Offered", TimeSpan.FromSeconds(30), "the offer");

        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var refused = await dispatcher.PostAsync($"/api/tickets/{ticketId}/force-assign", Json($$"""{"engineerId": "{{far}}"}"""));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var unknown = await supervisor.PostAsync($"/api/tickets/{ticketId}/force-assign", Json("""{"engineerId": "eng-nobody-here"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("engineerId", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var forced = await supervisor.PostAsync($"/api/tickets/{ticketId}/force-assign", Json($$"""{"engineerId": "{{far}}", "reason": "knows the site"}"""));
        Assert.True(forced.StatusCode == HttpStatusCode.OK, await forced.Content.ReadAsStringAsync());
        var ticket = await forced.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Accepted", ticket.GetProperty("status").GetString());
        Assert.Equal(far, ticket.GetProperty("assignedEngineerId").GetString());
        var accepted = ticket.GetProperty("timeline").EnumerateArray().Last(e => e.GetProperty("what").GetString() == "ticket.accepted");
        Assert.Equal("supervisor", accepted.GetProperty("role").GetString());

        using var farPhone = await cluster.App.ClientAsAsync("engineer", far);
        var work = await farPhone.GetFromJsonAsync<JsonElement>($"/api/engineers/{far}/work");
        Assert.Contains(ticketId, work.ToString(), StringComparison.Ordinal);
        using var nearPhone = await cluster.App.ClientAsAsync("engineer", near);
        Assert.Equal(HttpStatusCode.Forbidden, (await nearPhone.PostAsync($"/api/tickets/{ticketId}/accept", Json("{}"))).StatusCode);
    }

    private async Task EngineerAsync(string id, string skill, double lat)
    {
        using var admin = await cluster.App.ClientAsAsync("admin");
        await admin.AddSkillAsync(skill);
        var put = await admin.PutAsync($"/api/engineers/{id}", Json($$"""
            {"name": "Engineer {{id}}", "skills": {"{{skill}}": 90}, "homeBase": {"lat": {{lat}}, "lon": {{Lon}} }, "capacity": 1}
            """));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        using var engineer = await cluster.App.ClientAsAsync("engineer", id);
        Assert.Equal(HttpStatusCode.OK, (await engineer.PostAsync($"/api/engineers/{id}/status", Json("""{"status":"Available"}"""))).StatusCode);
        var position = JsonSerializer.Serialize(new { lat, lon = Lon, at = DateTimeOffset.UtcNow, accuracy = 8.0 });
        Assert.Equal(HttpStatusCode.OK, (await engineer.PostAsync($"/api/engineers/{id}/position", Json(position))).StatusCode);
    }

    private async Task<string> TicketAsync(string skill)
    {
        var customer = "cust-" + Guid.NewGuid().ToString("N")[..8];
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        (await dispatcher.PutAsync($"/api/customers/{customer}", Json("""{"name": "Acme", "tier": "standard", "sites": []}"""))).EnsureSuccessStatusCode();
        using var intake = await cluster.App.ClientAsAsync("intake");
        var response = await intake.PostAsync("/api/tickets", Json($$"""
            {"customerId": "{{customer}}", "title": "No cooling", "serviceType": "repair", "priority": "P2",
             "location": {"lat": {{Lat}}, "lon": {{Lon}}}, "requiredSkills": ["{{skill}}"], "channel": "web"}
            """));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
