using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.ReadSide;

/// <summary>GET /api/engineers over real HTTP, on the read model the silo projects from engineer events.</summary>
public sealed class EngineerSearchTests(WebClusterFixture cluster) : IClassFixture<WebClusterFixture>
{
    // Inside the sample city's Riverside district.
    private const double Lat = 31.198;
    private const double Lon = 121.4765;

    [Fact]
    public async Task Engineers_are_found_by_skill_shift_status_region_current_job_and_last_seen()
    {
        var skill = "s" + Guid.NewGuid().ToString("N")[..8];
        var (working, resting, away) = ($"a-{skill}", $"b-{skill}", $"c-{skill}");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await RegisterAsync(working, skill, "Ada");
        await RegisterAsync(resting, skill, "Bo");
        await RegisterAsync(away, skill, "Cy");
        await PresenceAsync(working, "Available");
        await PositionAsync(working);
        await PresenceAsync(resting, "OnBreak");
        var ticketId = await TicketAsync(skill);
        using var engineer = await cluster.App.ClientAsAsync("engineer", working);
        await Eventually.Until(() => engineer.GetFromJsonAsync<JsonElement>($"/api/engineers/{working}/work"),
            w => w.GetProperty("offer").ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(30), "the offer");
        Assert.Equal(HttpStatusCode.OK, (await engineer.PostAsync($"/api/tickets/{ticketId}/accept", Json("{}"))).StatusCode);

        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        await Eventually.Until(() => IdsAsync(dispatcher, $"skills={skill}&minJobs=1"), ids => ids.Count == 1, what: "the engineer with the job");
        Assert.Equal([working, resting, away], await IdsAsync(dispatcher, $"skills={skill}")); // by name: Ada, Bo, Cy

        Assert.Equal([working, resting], await IdsAsync(dispatcher, $"skills={skill}&onShift=true"));
        Assert.Equal([away], await IdsAsync(dispatcher, $"skills={skill}&onShift=false"));
        Assert.Equal([resting], await IdsAsync(dispatcher, $"skills={skill}&status=OnBreak"));
        Assert.Equal([working, away], await IdsAsync(dispatcher, $"skills={skill}&status=available,offline"));
        Assert.Equal([working], await IdsAsync(dispatcher, $"skills={skill}&ticketId={ticketId}"));
        Assert.Equal([working], await IdsAsync(dispatcher, $"skills={skill}&minJobs=1"));
        Assert.Equal([resting, away], await IdsAsync(dispatcher, $"skills={skill}&maxJobs=0"));
        Assert.Equal([working], await IdsAsync(dispatcher, $"skills={skill}&seenFrom={Uri.EscapeDataString(before.ToString("O"))}"));
        Assert.Empty(await IdsAsync(dispatcher, $"skills={skill},plumbing-{skill}"));

        var row = (await ItemsAsync(dispatcher, $"skills={skill}&ticketId={ticketId}")).Single();
        Assert.Equal([ticketId], row.GetProperty("jobs").EnumerateArray().Select(j => j.GetString()));
        Assert.Equal(90, row.GetProperty("skillLevels").GetProperty(skill).GetInt32());
        var region = row.GetProperty("region").GetString()!;
        Assert.Equal([working], await IdsAsync(dispatcher, $"skills={skill}&region={region}"));
        // Never seen sorts as the oldest; equal keys go by id, in the sort's direction.
        Assert.Equal([working, away, resting], await IdsAsync(dispatcher, $"skills={skill}&sort=-lastSeen"));
    }

    [Fact]
    public async Task Pages_follow_the_cursor_and_csv_has_every_match()
    {
        var skill = "s" + Guid.NewGuid().ToString("N")[..8];
        string[] ids = [$"p1-{skill}", $"p2-{skill}", $"p3-{skill}"];
        foreach (var (id, n) in ids.Select((id, n) => (id, n)))
        {
            await RegisterAsync(id, skill, $"Page {n}");
        }
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        await Eventually.Until(() => IdsAsync(dispatcher, $"skills={skill}"), found => found.Count == 3, what: "three engineers");

        var first = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/engineers?skills={skill}&limit=2&sort=-name");
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/engineers?skills={skill}&limit=2&sort=-name&cursor={cursor}");
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Equal(ids.Reverse(), first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(e => e.GetProperty("engineerId").GetString()));

        var csv = await dispatcher.GetAsync($"/api/engineers?skills={skill}&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("engineerId,name", lines[0]);
        Assert.Equal(ids, lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public async Task An_engineer_finds_only_themself_and_an_intake_token_no_engineer()
    {
        var skill = "s" + Guid.NewGuid().ToString("N")[..8];
        var (me, other) = ($"me-{skill}", $"other-{skill}");
        await RegisterAsync(me, skill, "Me");
        await RegisterAsync(other, skill, "Other");
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        await Eventually.Until(() => IdsAsync(dispatcher, $"skills={skill}"), found => found.Count == 2, what: "both engineers");

        using var engineer = await cluster.App.ClientAsAsync("engineer", me);
        Assert.Equal([me], await IdsAsync(engineer, $"skills={skill}"));
        Assert.Empty(await IdsAsync(engineer, $"q={other}"));
        using var intake = await cluster.App.ClientAsAsync("intake");
        Assert.Equal(HttpStatusCode.Forbidden, (await intake.GetAsync("/api/engineers")).StatusCode);
        using var anonymous = cluster.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/engineers")).StatusCode);
    }

    [Fact]
    public async Task A_rebuild_brings_the_engineers_back_as_they_were()
    {
        var skill = "s" + Guid.NewGuid().ToString("N")[..8];
        var id = $"r-{skill}";
        await RegisterAsync(id, skill, "Rebuilt");
        await PresenceAsync(id, "Available");
        await PositionAsync(id);
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var built = await Eventually.Until(() => ItemsAsync(dispatcher, $"skills={skill}"),
            items => items.Count == 1 && items[0].GetProperty("lastSeen").ValueKind != JsonValueKind.Null, what: "the engineer, seen");

        var rebuilds = await cluster.Database.QueryScalarAsync<int>("SELECT rebuilds FROM dispatch_projection_checkpoints WHERE projection = 'read-model'");
        await cluster.Database.QueryScalarAsync<int>("SELECT 1 FROM (SELECT dispatch_projections_rebuild()) r");
        Assert.Equal(rebuilds + 1, await cluster.Database.QueryScalarAsync<int>("SELECT rebuilds FROM dispatch_projection_checkpoints WHERE projection = 'read-model'"));

        var rebuilt = await Eventually.Until(() => ItemsAsync(dispatcher, $"skills={skill}"), items => items.Count == 1, what: "the engineer again");
        Assert.Equal(built[0].ToString(), rebuilt[0].ToString());
    }

    public static TheoryData<string, string> BadQueries() => new()
    {
        { "status", "status=Sleeping" },
        { "skills", "skills=plumbing,../etc" },
        { "onShift", "onShift=maybe" },
        { "minJobs", "minJobs=-1" },
        { "maxJobs", "minJobs=2&maxJobs=1" },
        { "seenFrom", "seenFrom=yesterday" },
        { "seenTo", "seenFrom=2026-11-30T10:00:00Z&seenTo=2026-11-30T09:00:00Z" },
        { "sort", "sort=skills" },
        { "cursor", "cursor=not-a-cursor" },
        { "region", "region=../etc" },
        { "sneaky", "sneaky=1" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Each_bad_query_parameter_gets_a_400_naming_it(string parameter, string query)
    {
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var response = await dispatcher.GetAsync($"/api/engineers?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"expected an error for {parameter}: {problem}");
    }

    private async Task RegisterAsync(string id, string skill, string name)
    {
        using var admin = await cluster.App.ClientAsAsync("admin");
        await admin.AddSkillAsync(skill);
        var put = await admin.PutAsync($"/api/engineers/{id}", Json($$"""
            {"name": "{{name}}", "skills": {"{{skill}}": 90}, "homeBase": {"lat": {{Lat}}, "lon": {{Lon}} }, "capacity": 2}
            """));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
    }

    private async Task PresenceAsync(string id, string status)
    {
        using var engineer = await cluster.App.ClientAsAsync("engineer", id);
        Assert.Equal(HttpStatusCode.OK, (await engineer.PostAsync($"/api/engineers/{id}/status", Json($$"""{"status":"{{status}}"}"""))).StatusCode);
    }

    private async Task PositionAsync(string id)
    {
        using var engineer = await cluster.App.ClientAsAsync("engineer", id);
        var body = JsonSerializer.Serialize(new { lat = Lat, lon = Lon, at = DateTimeOffset.UtcNow, accuracy = 8.0 });
        Assert.Equal(HttpStatusCode.OK, (await engineer.PostAsync($"/api/engineers/{id}/position", Json(body))).StatusCode);
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

    private static async Task<List<string>> IdsAsync(HttpClient client, string query) =>
        [.. (await ItemsAsync(client, query)).Select(e => e.GetProperty("engineerId").GetString()!)];

    private static async Task<List<JsonElement>> ItemsAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/engineers?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. body.GetProperty("items").EnumerateArray()];
    }
}
