using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Web.Tests.Infrastructure;
using Dispatch.Web.Tests.Tickets;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Skills;

/// <summary>
/// The skill catalogue over HTTP, and the requests that name skills: a skill outside the catalogue (a typo such as
/// "plumbnig") is a 400 naming the field and changes nothing (issue 12, item 7).
/// </summary>
public sealed class SkillCatalogueTests(WebClusterFixture cluster) : IClassFixture<WebClusterFixture>
{
    private const double Lat = 31.2304;
    private const double Lon = 121.4737;

    private static string NewSkill() => "skill-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task The_catalogue_starts_with_the_configured_skills_the_load_generator_and_samples_use()
    {
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");

        var catalogue = await dispatcher.GetFromJsonAsync<JsonElement>("/api/skills");

        var ids = catalogue.GetProperty("skills").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToHashSet();
        string[] used = ["electrical", "plumbing", "hvac", "network", "mechanical", "security", "elevator", "fire-safety", "solar",
            "refrigeration", "it-hardware", "welding", "appliance", "locksmith", "gas"];
        Assert.All(used, skill => Assert.Contains(skill, ids));
    }

    [Theory]
    [InlineData("GET", "/api/skills", "intake")]
    [InlineData("GET", "/api/skills", "engineer")]
    [InlineData("PUT", "/api/skills/roles-test", "dispatcher")]
    [InlineData("PUT", "/api/skills/roles-test", "supervisor")]
    [InlineData("DELETE", "/api/skills/hvac", "dispatcher")]
    public async Task Operations_read_the_catalogue_and_only_admins_change_it(string method, string path, string wrongRole)
    {
        using var anonymous = cluster.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json("""{"name": "x"}""") })).StatusCode);
        using var wrong = await cluster.App.ClientAsAsync(wrongRole, wrongRole == "engineer" ? "eng-1" : null);
        Assert.Equal(HttpStatusCode.Forbidden, (await wrong.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json("""{"name": "x"}""") })).StatusCode);
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        Assert.DoesNotContain("roles-test", await dispatcher.GetStringAsync("/api/skills"), StringComparison.Ordinal);
        Assert.Contains("\"hvac\"", await dispatcher.GetStringAsync("/api/skills"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_adds_renames_and_removes_a_skill()
    {
        using var admin = await cluster.App.ClientAsAsync("admin");
        var skill = NewSkill();

        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsync($"/api/skills/{skill}", Json("""{"name": "Cold rooms"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync($"/api/skills/{skill}", Json("""{"name": "Cold rooms", "description": "Walk-in freezers"}"""))).StatusCode);
        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/skills")).GetProperty("skills").EnumerateArray().Single(s => s.GetProperty("id").GetString() == skill);
        Assert.Equal("Walk-in freezers", listed.GetProperty("description").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/skills/{skill}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/skills/{skill}")).StatusCode);
        var engineer = "eng-" + skill;
        var refused = await admin.PutAsync($"/api/engineers/{engineer}", EngineerBody(skill));
        await AssertNamesAsync(refused, $"skills.{skill}");
    }

    [Theory]
    [InlineData("id", "bad skill!", """{"name": "Bad"}""")]
    [InlineData("name", "fine-id", """{"description": "no name"}""")]
    [InlineData("name", "fine-id", """{"name": "   "}""")]
    [InlineData("description", "fine-id", """{"name": "Fine", "description": "{{long}}"}""")]
    public async Task A_bad_skill_is_a_400_naming_the_field_and_is_not_added(string field, string id, string body)
    {
        using var admin = await cluster.App.ClientAsAsync("admin");
        var before = await admin.GetStringAsync("/api/skills");

        var response = await admin.PutAsync($"/api/skills/{Uri.EscapeDataString(id)}", Json(body.Replace("{{long}}", new string('d', 501), StringComparison.Ordinal)));

        await AssertNamesAsync(response, field);
        Assert.Equal(before, await admin.GetStringAsync("/api/skills"));
    }

    [Fact]
    public async Task A_ticket_requiring_an_unknown_skill_is_refused_naming_it_and_nothing_is_created()
    {
        var customer = await CustomerAsync();
        using var intake = await cluster.App.ClientAsAsync("intake");
        var body = TicketBodies.Valid(customer);
        body["requiredSkills"] = new System.Text.Json.Nodes.JsonArray("hvac", "plumbnig", "electrical", "elevtor");
        var createdBefore = await TicketsCreatedAsync();

        var response = await intake.PostAsync("/api/tickets", Json(body.ToJsonString()));

        var errors = await AssertNamesAsync(response, "requiredSkills[1]");
        Assert.True(errors.TryGetProperty("requiredSkills[3]", out _), errors.ToString());
        Assert.False(errors.TryGetProperty("requiredSkills[0]", out _), errors.ToString());
        Assert.Equal(createdBefore, await TicketsCreatedAsync());
    }

    [Fact]
    public async Task A_skill_an_admin_just_added_may_be_required_at_once()
    {
        var customer = await CustomerAsync();
        var skill = NewSkill();
        using var intake = await cluster.App.ClientAsAsync("intake");
        var body = TicketBodies.Valid(customer);
        body["requiredSkills"] = new System.Text.Json.Nodes.JsonArray(skill);
        await AssertNamesAsync(await intake.PostAsync("/api/tickets", Json(body.ToJsonString())), "requiredSkills[0]");

        using var admin = await cluster.App.ClientAsAsync("admin");
        await admin.AddSkillAsync(skill);

        Assert.Equal(HttpStatusCode.Created, (await intake.PostAsync("/api/tickets", Json(body.ToJsonString()))).StatusCode);
    }

    [Fact]
    public async Task An_engineer_with_an_unknown_skill_is_refused_and_an_existing_one_keeps_their_skills()
    {
        using var admin = await cluster.App.ClientAsAsync("admin");
        var id = "eng-" + Guid.NewGuid().ToString("N")[..8];

        await AssertNamesAsync(await admin.PutAsync($"/api/engineers/{id}", EngineerBody("plumbnig")), "skills.plumbnig");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/engineers/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsync($"/api/engineers/{id}", EngineerBody("plumbing"))).StatusCode);
        await AssertNamesAsync(await admin.PutAsync($"/api/engineers/{id}", EngineerBody("plumbing", "hvak")), "skills.hvak");
        var engineer = await admin.GetFromJsonAsync<JsonElement>($"/api/engineers/{id}");
        Assert.Equal(["plumbing"], engineer.GetProperty("profile").GetProperty("skills").EnumerateObject().Select(s => s.Name));
    }

    private static StringContent EngineerBody(params string[] skills) => Json($$"""
        {"name": "Li Na", "skills": { {{string.Join(", ", skills.Select(s => $"\"{s}\": 80"))}} }, "homeBase": {"lat": {{Lat}}, "lon": {{Lon}} }, "capacity": 1}
        """);

    private static async Task<JsonElement> AssertNamesAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"expected an error for {field}: {errors}");
        return errors;
    }

    private async Task<string> CustomerAsync()
    {
        var id = "cust-" + Guid.NewGuid().ToString("N")[..8];
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        (await dispatcher.PutAsync($"/api/customers/{id}", Json("""{"name": "Acme", "tier": "standard", "sites": []}"""))).EnsureSuccessStatusCode();
        return id;
    }

    private Task<long> TicketsCreatedAsync() =>
        cluster.Database.QueryScalarAsync<long>("SELECT count(*) FROM dispatch_events WHERE type = 'ticket.created'");
}
