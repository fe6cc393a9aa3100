using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Web.Tests.Infrastructure;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Field;

/// <summary>The field app's server side, on one web app and silo: the job card's customer, the service report.</summary>
public sealed partial class FieldAppTests(WebClusterFixture cluster) : IClassFixture<WebClusterFixture>
{
    // Inside the sample city's Riverside district.
    private const double Lat = 31.198;
    private const double Lon = 121.4765;

    private static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

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

    private async Task CustomerAsync(string id, string name)
    {
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var put = await dispatcher.PutAsync($"/api/customers/{id}", Json($$"""
            {"name": "{{name}}", "tier": "standard", "phone": "+86 21 5555 0101",
             "sites": [{"id": "plant-1", "name": "Riverside plant", "lat": {{Lat}}, "lon": {{Lon}}, "address": "12 Riverside Road"}]}
            """));
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
    }

    private async Task<string> TicketAsync(string customer, string skill, string serviceType = "repair")
    {
        using var intake = await cluster.App.ClientAsAsync("intake");
        var response = await intake.PostAsync("/api/tickets", Json($$"""
            {"customerId": "{{customer}}", "title": "No cooling", "serviceType": "{{serviceType}}", "priority": "P2",
             "location": {"lat": {{Lat}}, "lon": {{Lon}}}, "requiredSkills": ["{{skill}}"], "channel": "web"}
            """));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> OfferedToAsync(string ticketId, string engineerId)
    {
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var offered = await Testing.Eventually.Until(() => dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}"),
            t => t.GetProperty("status").GetString() == "Offered", TimeSpan.FromSeconds(30), "the offer");
        Assert.Equal(engineerId, offered.GetProperty("assignedEngineerId").GetString());
        return offered;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string body)
    {
        var response = await client.PostAsync(path, Json(body));
        return response;
    }
}
