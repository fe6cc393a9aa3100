using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Hostile;

/// <summary>One test per defect of issue 12 that input checking on the web node answers.</summary>
public sealed class HostileDefectTests(HostileWorld world) : IClassFixture<HostileWorld>
{
    private const string Nul = "\\u0000";

    /// <summary>Each family of text field, with a NUL in it: (role, method, path, body, the field named).</summary>
    public static TheoryData<string, string, string, string, string> NulInText() => new()
    {
        { "intake", "POST", "/api/tickets", $$"""{"customerId": "{customer}", "title": "a{{Nul}}b", "serviceType": "repair", "priority": "P2", "location": {"lat": 31.198, "lon": 121.4765}, "channel": "web"}""", "title" },
        { "intake", "POST", "/api/tickets", $$"""{"customerId": "{customer}", "title": "t", "description": "{{Nul}}", "serviceType": "repair", "priority": "P2", "location": {"lat": 31.198, "lon": 121.4765}, "channel": "web"}""", "description" },
        { "intake", "POST", "/api/tickets", $$"""{"customerId": "{customer}", "title": "t", "externalId": "x{{Nul}}", "serviceType": "repair", "priority": "P2", "location": {"lat": 31.198, "lon": 121.4765}, "channel": "web"}""", "externalId" },
        { "dispatcher", "POST", "/api/tickets/{ticket}/triage", $$"""{"note": "{{Nul}}"}""", "note" },
        { "dispatcher", "POST", "/api/tickets/{ticket}/wait", $$"""{"reason": "waitingOnCustomer{{Nul}}"}""", "reason" },
        { "dispatcher", "POST", "/api/tickets/{ticket}/cancel", $$"""{"reason": "dup{{Nul}}licate"}""", "reason" },
        { "dispatcher", "POST", "/api/tickets/{ticket}/priority", $$"""{"priority": "P1", "reason": "{{Nul}}"}""", "reason" },
        { "dispatcher", "POST", "/api/tickets/{ticket}/resolve", $$"""{"notes": "fixed{{Nul}}"}""", "notes" },
        { "dispatcher", "POST", "/api/tickets/{ticket}/assign", $$"""{"engineerId": "{engineer}", "reason": "{{Nul}}"}""", "reason" },
        { "intake", "POST", "/api/tickets/{ticket}/survey", $$"""{"csat": 4, "comment": "ok{{Nul}}"}""", "comment" },
        { "engineer", "POST", "/api/tickets/{ticket}/decline", $$"""{"reason": "far{{Nul}}"}""", "reason" },
        { "engineer", "POST", "/api/tickets/{ticket}/resolved", $$"""{"notes": "{{Nul}}"}""", "notes" },
        { "engineer", "POST", "/api/tickets/{ticket}/resolved", $$"""{"partsUsed": ["fuse{{Nul}}"]}""", "partsUsed[0]" },
        { "admin", "PUT", "/api/engineers/{engineer}", $$"""{"name": "E{{Nul}}", "homeBase": {"lat": 31.2, "lon": 121.5} }""", "name" },
        { "admin", "PUT", "/api/engineers/{engineer}", $$"""{"name": "E", "phone": "123{{Nul}}", "homeBase": {"lat": 31.2, "lon": 121.5} }""", "phone" },
        { "dispatcher", "PUT", "/api/customers/{customer}", $$"""{"name": "C{{Nul}}", "tier": "standard", "sites": []}""", "name" },
        { "dispatcher", "PUT", "/api/customers/{customer}", $$"""{"name": "C", "tier": "standard", "sites": [{"id": "s", "name": "{{Nul}}", "lat": 31.2, "lon": 121.5}]}""", "sites[0].name" },
        { "dispatcher", "PUT", "/api/customers/{customer}", $$"""{"name": "C", "tier": "standard", "sites": [{"id": "s", "name": "S", "lat": 31.2, "lon": 121.5, "address": "1{{Nul}}"}]}""", "sites[0].address" },
        { "admin", "PUT", "/api/sla/policies/{policy}", HostileWorld.PolicyBody("{policy}").Replace("Hostile test policy", $"Hostile{Nul}", StringComparison.Ordinal), "name" },
    };

    [Theory]
    [MemberData(nameof(NulInText))]
    public async Task A_NUL_in_any_text_field_is_refused_naming_the_field_and_nothing_changes(string role, string method, string path, string body, string field)
    {
        var before = await world.StateAsync();
        var client = await world.ClientAsync(role);
        using var request = new HttpRequestMessage(new HttpMethod(method), HostileRequests.Fill(world, path)) { Content = Json(HostileRequests.Fill(world, body)) };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for {field}: {problem}");
        Assert.Equal(before, await world.StateAsync());
    }

    [Fact]
    public async Task Every_bad_field_of_an_intake_is_named_at_once_service_type_and_customer_included()
    {
        var intake = await world.ClientAsync("intake");
        var created = await CreatedTicketsAsync();

        var response = await intake.PostAsync("/api/tickets", Json("""
            {"customerId": "nobody-we-know", "title": "", "serviceType": "plumbing-on-mars", "priority": "P9",
             "location": {"lat": -60, "lon": 10}, "channel": "web"}
            """));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["customerId", "location", "priority", "serviceType", "title"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("repair", errors.GetProperty("serviceType")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(created, await CreatedTicketsAsync());
    }

    [Fact]
    public async Task An_unknown_waiting_reason_and_an_unknown_engineer_are_named_with_the_other_bad_fields()
    {
        var before = await world.StateAsync();
        var dispatcher = await world.ClientAsync("dispatcher");

        var wait = await dispatcher.PostAsync($"/api/tickets/{world.TicketId}/wait", Json("""{"reason": "teaBreak"}"""));
        var assign = await dispatcher.PostAsync($"/api/tickets/{world.TicketId}/assign", Json("""{"engineerId": "nobody-we-know", "reason": " "}"""));

        Assert.Equal(HttpStatusCode.BadRequest, wait.StatusCode);
        Assert.Contains("waitingOnCustomer", (await wait.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("reason")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, assign.StatusCode);
        var errors = (await assign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["engineerId", "reason"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(before, await world.StateAsync());
    }

    [Theory]
    [InlineData("8 KB", 8192)]
    [InlineData("emoji", 0)]
    [InlineData("dot dot", -1)]
    public async Task An_impossible_engineer_id_answers_404_without_activating_a_grain(string what, int length)
    {
        var id = length > 0 ? new string('e', length) : length == 0 ? "%F0%9F%9A%92" : "..%2E";
        var dispatcher = await world.ClientAsync("dispatcher");
        var activations = await ActivationsAsync("EngineerGrain");
        Assert.True(activations > 0, "the world's engineer is active, so the count is of the right grain");

        var response = await dispatcher.PostAsync($"/api/engineers/{id}/status", Json("""{"status": "Offline"}"""));

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{what}: {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(activations, await ActivationsAsync("EngineerGrain"));
    }

    [Fact]
    public async Task An_unknown_region_answers_404_without_activating_its_grain()
    {
        var dispatcher = await world.ClientAsync("dispatcher");
        var activations = await ActivationsAsync("RegionDispatcherGrain");
        Assert.True(activations > 0, "the world's ticket waits in a region, so the count is of the right grain");

        var response = await dispatcher.GetAsync("/api/regions/atlantis");
        var board = await dispatcher.GetAsync("/api/board?regions=riverside,atlantis");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, board.StatusCode);
        Assert.True((await board.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("regions[1]", out _));
        Assert.Equal(activations, await ActivationsAsync("RegionDispatcherGrain"));
    }

    [Fact]
    public async Task A_position_1000_km_from_the_last_a_second_later_is_refused_and_not_taken()
    {
        var id = "eng-jump-" + Guid.NewGuid().ToString("N")[..6];
        var admin = await world.ClientAsync("admin");
        (await admin.PutAsync($"/api/engineers/{id}", Json($$"""{"name": "Jumper", "homeBase": {"lat": {{HostileWorld.Lat}}, "lon": {{HostileWorld.Lon}} } }"""))).EnsureSuccessStatusCode();
        using var engineer = await world.Cluster.App.ClientAsAsync("engineer", id);
        var now = DateTimeOffset.UtcNow;
        (await engineer.PostAsync($"/api/engineers/{id}/position", Json($$"""{"lat": {{HostileWorld.Lat}}, "lon": {{HostileWorld.Lon}}, "at": "{{now:O}}"}"""))).EnsureSuccessStatusCode();
        var before = await engineer.GetFromJsonAsync<JsonElement>($"/api/engineers/{id}");

        var jump = await engineer.PostAsync($"/api/engineers/{id}/position", Json($$"""{"lat": {{HostileWorld.Lat + 9}}, "lon": {{HostileWorld.Lon}}, "at": "{{now.AddSeconds(1):O}}"}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, jump.StatusCode);
        Assert.Equal("application/problem+json", jump.Content.Headers.ContentType?.MediaType);
        var after = await engineer.GetFromJsonAsync<JsonElement>($"/api/engineers/{id}");
        // Kept for the record (flagged), but the engineer stays where dispatch last saw them.
        Assert.True(after.GetProperty("position").GetProperty("flagged").GetBoolean());
        Assert.Equal(before.GetProperty("region").GetString(), after.GetProperty("region").GetString());
        Assert.Equal(before.GetProperty("status").GetString(), after.GetProperty("status").GetString());
    }

    private Task<long> CreatedTicketsAsync() =>
        world.Cluster.Database.QueryScalarAsync<long>("SELECT count(*) FROM dispatch_events WHERE type = 'ticket.created'");

    private async Task<int> ActivationsAsync(string grainClass)
    {
        var cluster = world.Cluster.App.Services.GetRequiredService<IClusterClient>();
        var statistics = await cluster.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains(grainClass, StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }
}
