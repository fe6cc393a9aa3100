using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dispatch.Web.Tests.Infrastructure;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Engineers;

public sealed class EngineerEndpointTests(WebClusterFixture cluster) : IClassFixture<WebClusterFixture>
{
    // Inside the sample city's Riverside district.
    private const double Lat = 31.198;
    private const double Lon = 121.4765;

    [Fact]
    public async Task An_engineer_cannot_accept_decline_or_move_another_engineers_job()
    {
        var skill = "s" + Guid.NewGuid().ToString("N")[..8];
        var (a, b) = ("eng-a-" + skill, "eng-b-" + skill);
        await EngineerAsync(a, skill, Lat + 0.001);
        await EngineerAsync(b, skill, Lat + 0.05);
        var ticketId = await TicketAsync(skill);
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var offered = await WaitForAsync(dispatcher, ticketId, t => t.GetProperty("status").GetString() == "Offered");
        Assert.Equal(a, offered.GetProperty("assignedEngineerId").GetString());

        using var engineerB = await cluster.App.ClientAsAsync("engineer", b);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineerB.PostAsync($"/api/tickets/{ticketId}/accept", Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineerB.PostAsync($"/api/tickets/{ticketId}/decline", Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineerB.PostAsync($"/api/engineers/{a}/position", Json(Position(Lat, Lon, DateTimeOffset.UtcNow)))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineerB.PostAsync($"/api/engineers/{a}/status", Json("""{"status":"Offline"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineerB.GetAsync($"/api/engineers/{a}/work")).StatusCode);

        using var engineerA = await cluster.App.ClientAsAsync("engineer", a);
        var accepted = await engineerA.PostAsync($"/api/tickets/{ticketId}/accept", Json("{}"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineerB.PostAsync($"/api/tickets/{ticketId}/en-route", Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineerB.PostAsync($"/api/tickets/{ticketId}/resolved", Json("""{"notes":"not mine"}"""))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await engineerA.PostAsync($"/api/tickets/{ticketId}/en-route", Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await engineerA.PostAsync($"/api/tickets/{ticketId}/on-site", Json("{}"))).StatusCode);
        var resolved = await engineerA.PostAsync($"/api/tickets/{ticketId}/resolved", Json("""{"notes":"reset the controller","partsUsed":["fuse-10A"]}"""));
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var ticket = (await resolved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket");
        Assert.Equal("Resolved", ticket.GetProperty("status").GetString());
        var arrival = ticket.GetProperty("sla").EnumerateArray().Single(c => c.GetProperty("metric").GetString() == "arrival");
        Assert.Equal("met", arrival.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Field_actions_that_prefer_return_minimal_are_taken_and_answered_204_without_views()
    {
        var skill = "s" + Guid.NewGuid().ToString("N")[..8];
        var (a, b) = ("eng-min-a-" + skill, "eng-min-b-" + skill);
        await EngineerAsync(a, skill, Lat + 0.001);
        await EngineerAsync(b, skill, Lat + 0.05);
        var ticketId = await TicketAsync(skill);
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        await WaitForAsync(dispatcher, ticketId, t => t.GetProperty("status").GetString() == "Offered");
        using var engineerA = await cluster.App.ClientAsAsync("engineer", a);
        using var engineerB = await cluster.App.ClientAsAsync("engineer", b);

        // A refusal is still explained: the preference drops only the views of an action that was taken.
        var notYours = await MinimalAsync(engineerB, ticketId, "accept", "{}");
        Assert.Equal(HttpStatusCode.Forbidden, notYours.StatusCode);
        Assert.Equal("application/problem+json", notYours.Content.Headers.ContentType?.MediaType);

        var steps = new[] { ("accept", "Accepted"), ("en-route", "EnRoute"), ("on-site", "OnSite"), ("resolved", "Resolved") };
        foreach (var (action, status) in steps)
        {
            var body = action == "resolved" ? """{"notes":"reset the controller"}""" : "{}";
            var taken = await MinimalAsync(engineerA, ticketId, action, body);
            Assert.Equal(HttpStatusCode.NoContent, taken.StatusCode);
            Assert.Equal("return=minimal", Assert.Single(taken.Headers.GetValues("Preference-Applied")));
            Assert.Empty(await taken.Content.ReadAsByteArrayAsync());
            var ticket = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}");
            Assert.Equal(status, ticket.GetProperty("status").GetString());
        }
        var work = await engineerA.GetFromJsonAsync<JsonElement>($"/api/engineers/{a}/work");
        Assert.Empty(work.GetProperty("jobs").EnumerateArray());

        // Once resolved the job is no longer theirs: a late step is refused as it would be without the preference.
        var late = await MinimalAsync(engineerA, ticketId, "on-site", "{}");
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        Assert.Equal("application/problem+json", late.Content.Headers.ContentType?.MediaType);
    }

    private static Task<HttpResponseMessage> MinimalAsync(HttpClient engineer, string ticketId, string action, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tickets/{ticketId}/{action}") { Content = Json(body) };
        request.Headers.TryAddWithoutValidation("Prefer", "return=minimal");
        return engineer.SendAsync(request);
    }

    [Fact]
    public async Task The_engineer_app_reads_its_offer_and_jobs_from_state()
    {
        var skill = "s" + Guid.NewGuid().ToString("N")[..8];
        var id = "eng-app-" + skill;
        await EngineerAsync(id, skill, Lat);
        var ticketId = await TicketAsync(skill);
        using var engineer = await cluster.App.ClientAsAsync("engineer", id);
        var work = await WaitForWorkAsync(engineer, id, w => w.GetProperty("offer").ValueKind == JsonValueKind.Object);
        Assert.Equal(ticketId, work.GetProperty("offer").GetProperty("ticket").GetProperty("id").GetString());
        Assert.True(work.GetProperty("offer").GetProperty("details").GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
    }

    public static TheoryData<string, string> BadPositions() => new()
    {
        { "lat", """{"lat": 91, "lon": 0, "at": "2026-01-01T00:00:00Z"}""" },
        { "lon", """{"lat": 0, "lon": 181, "at": "2026-01-01T00:00:00Z"}""" },
        { "lat", """{"lat": "NaN", "lon": 0, "at": "2026-01-01T00:00:00Z"}""" },
        { "lat", """{"lon": 0, "at": "2026-01-01T00:00:00Z"}""" },
        { "at", """{"lat": 0, "lon": 0}""" },
        { "at", """{"lat": 0, "lon": 0, "at": "yesterday"}""" },
        { "accuracy", """{"lat": 0, "lon": 0, "at": "2026-01-01T00:00:00Z", "accuracy": -3}""" },
    };

    [Theory]
    [MemberData(nameof(BadPositions))]
    public async Task Impossible_positions_are_400_naming_the_field(string field, string body)
    {
        var id = "eng-pos-" + Guid.NewGuid().ToString("N")[..8];
        await EngineerAsync(id, "hvac", Lat);
        using var engineer = await cluster.App.ClientAsAsync("engineer", id);
        var response = await engineer.PostAsync($"/api/engineers/{id}/position", Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Out_of_order_positions_are_ignored_and_impossible_jumps_flagged_and_refused()
    {
        var id = "eng-order-" + Guid.NewGuid().ToString("N")[..8];
        await EngineerAsync(id, "hvac", Lat);
        using var engineer = await cluster.App.ClientAsAsync("engineer", id);
        var now = DateTimeOffset.UtcNow;
        Assert.Equal("Accepted", await OutcomeAsync(engineer, id, Position(Lat + 0.001, Lon, now.AddSeconds(2))));
        Assert.Equal("Ignored", await OutcomeAsync(engineer, id, Position(Lat + 0.002, Lon, now.AddSeconds(1))));
        var jump = await engineer.PostAsync($"/api/engineers/{id}/position", Json(Position(Lat + 1.0, Lon, now.AddSeconds(3)))); // 110 km in a second
        Assert.Equal(HttpStatusCode.UnprocessableEntity, jump.StatusCode);
        Assert.Equal("Flagged", (await jump.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        var view = await engineer.GetFromJsonAsync<JsonElement>($"/api/engineers/{id}");
        Assert.True(view.GetProperty("position").GetProperty("flagged").GetBoolean());
    }

    [Fact]
    public async Task Home_bases_positions_and_ticket_locations_are_latitude_and_longitude_only_in_json()
    {
        var skill = "s" + Guid.NewGuid().ToString("N")[..8];
        var id = "eng-json-" + skill;
        await EngineerAsync(id, skill, Lat);
        var ticketId = await TicketAsync(skill);
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var engineer = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/engineers/{id}");
        var ticket = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}");

        foreach (var point in new[] { engineer.GetProperty("profile").GetProperty("homeBase"), engineer.GetProperty("position").GetProperty("point"), ticket.GetProperty("location") })
        {
            Assert.Equal(["lat", "lon"], point.EnumerateObject().Select(p => p.Name));
        }
        Assert.Equal(Lat, ticket.GetProperty("location").GetProperty("lat").GetDouble());
        Assert.Equal(Lon, engineer.GetProperty("position").GetProperty("point").GetProperty("lon").GetDouble());
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
        Assert.Equal("Accepted", await OutcomeAsync(engineer, id, Position(lat, Lon, DateTimeOffset.UtcNow)));
    }

    private async Task<string> TicketAsync(string skill)
    {
        var customer = "cust-" + Guid.NewGuid().ToString("N")[..8];
        using (var admin = await cluster.App.ClientAsAsync("admin"))
        {
            await admin.AddSkillAsync(skill);
        }
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

    private static async Task<string> OutcomeAsync(HttpClient engineer, string id, string body)
    {
        var response = await engineer.PostAsync($"/api/engineers/{id}/position", Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString()!;
    }

    private static Task<JsonElement> WaitForAsync(HttpClient client, string ticketId, Func<JsonElement, bool> done) =>
        Testing.Eventually.Until(() => client.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}"), done, TimeSpan.FromSeconds(30), "the ticket");

    private static Task<JsonElement> WaitForWorkAsync(HttpClient client, string engineerId, Func<JsonElement, bool> done) =>
        Testing.Eventually.Until(() => client.GetFromJsonAsync<JsonElement>($"/api/engineers/{engineerId}/work"), done, TimeSpan.FromSeconds(30), "the engineer's work");

    private static string Position(double lat, double lon, DateTimeOffset at) =>
        JsonSerializer.Serialize(new { lat, lon, at, accuracy = 8.0 });
}
