using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Web.Tests.Infrastructure;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Tickets;

/// <summary>Triage corrects a ticket's service type and skills before it is offered; bad input is named and changes nothing.</summary>
public sealed class TriageEndpointTests(WebClusterFixture cluster) : IClassFixture<WebClusterFixture>
{
    // Inside the sample city's Riverside district.
    private const double Lat = 31.198;
    private const double Lon = 121.4765;

    [Fact]
    public async Task A_dispatching_ticket_gets_other_skills_with_the_change_in_its_timeline_and_bad_fields_are_named()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var admin = await cluster.App.ClientAsAsync("admin");
        await admin.AddSkillAsync("rare-" + tag);
        await admin.AddSkillAsync("boiler-" + tag);
        var ticketId = await TicketAsync("repair", ["rare-" + tag]);
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        Assert.Contains("consultation", (await dispatcher.GetFromJsonAsync<string[]>("/api/service-types"))!);

        var unknown = await dispatcher.PostAsync($"/api/tickets/{ticketId}/reclassify", Json("""{"serviceType": "plumbing", "requiredSkills": ["no-such-skill"]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("serviceType", out _), problem.ToString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("requiredSkills[0]", out _), problem.ToString());

        // Being dispatched, it cannot become a type without dispatch.
        var consultation = await dispatcher.PostAsync($"/api/tickets/{ticketId}/reclassify", Json("""{"serviceType": "consultation", "requiredSkills": []}"""));
        Assert.Equal(HttpStatusCode.Conflict, consultation.StatusCode);
        var unchanged = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}");
        Assert.Equal("repair", unchanged.GetProperty("serviceType").GetString());
        Assert.Equal("rare-" + tag, unchanged.GetProperty("requiredSkills")[0].GetString());

        var changed = await dispatcher.PostAsync($"/api/tickets/{ticketId}/reclassify", Json($$"""{"serviceType": "repair", "requiredSkills": ["boiler-{{tag}}"], "reason": "caller says boiler"}"""));
        Assert.True(changed.StatusCode == HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        var ticket = await changed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("boiler-" + tag, ticket.GetProperty("requiredSkills")[0].GetString());
        var entry = ticket.GetProperty("timeline").EnumerateArray().Last(e => e.GetProperty("what").GetString() == "ticket.reclassified");
        Assert.Equal("rare-" + tag, entry.GetProperty("details").GetProperty("fromSkills").GetString());
        Assert.Equal("caller says boiler", entry.GetProperty("why").GetString());
    }

    [Fact]
    public async Task A_triaged_consultation_reclassified_as_a_repair_goes_on_to_dispatch()
    {
        var ticketId = await TicketAsync("consultation", []);
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        Assert.Equal("Triaged", (await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}")).GetProperty("status").GetString());

        var response = await dispatcher.PostAsync($"/api/tickets/{ticketId}/reclassify", Json("""{"serviceType": "repair", "requiredSkills": []}"""));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var ticket = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("repair", ticket.GetProperty("serviceType").GetString());
        Assert.NotEqual("Triaged", ticket.GetProperty("status").GetString());
        using var engineer = await cluster.App.ClientAsAsync("engineer", "eng-x");
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsync($"/api/tickets/{ticketId}/reclassify", Json("""{"serviceType": "repair"}"""))).StatusCode);
    }

    private async Task<string> TicketAsync(string serviceType, string[] skills)
    {
        var customer = "cust-" + Guid.NewGuid().ToString("N")[..8];
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        (await dispatcher.PutAsync($"/api/customers/{customer}", Json("""{"name": "Acme", "tier": "standard", "sites": []}"""))).EnsureSuccessStatusCode();
        using var intake = await cluster.App.ClientAsAsync("intake");
        var response = await intake.PostAsync("/api/tickets", Json($$"""
            {"customerId": "{{customer}}", "title": "Caller", "serviceType": "{{serviceType}}", "priority": "P3",
             "location": {"lat": {{Lat}}, "lon": {{Lon}}}, "requiredSkills": {{JsonSerializer.Serialize(skills)}}, "channel": "phone"}
            """));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
