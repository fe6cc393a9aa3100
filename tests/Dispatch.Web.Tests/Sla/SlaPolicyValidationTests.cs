using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatch.Web.Tests.Infrastructure;
using Dispatch.Web.Tests.Tickets;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Sla;

/// <summary>
/// PUT /api/sla/policies/{id} with the documents that once were saved and then broke every ticket under them
/// (issue 12, item 3): each is a 400 naming the field, and the book is left as it was.
/// </summary>
public sealed class SlaPolicyValidationTests(WebClusterFixture cluster) : IClassFixture<WebClusterFixture>
{
    private const string PolicyId = "hostile";

    private static readonly string Huge = new('x', 10_000);

    /// <summary>A policy the book accepts; each case breaks one thing in it.</summary>
    private static JsonObject Valid() => JsonNode.Parse("""
        {"id": "hostile", "name": "Hostile", "match": {"tiers": ["standard"], "priorities": ["P3"]},
         "targets": [{"metric": "response", "target": "00:20:00", "calendar": "24x7"}],
         "ladder": [{"id": "warn", "kind": "warning", "percent": 50, "level": 0, "actions": [{"type": "alertRole", "role": "dispatcher"}]},
                    {"id": "breach", "kind": "breach", "percent": 100, "level": 1, "actions": []},
                    {"id": "late", "kind": "escalation", "afterBreach": "00:30:00", "level": 2, "actions": [{"type": "raisePriority"}]}]}
        """)!.AsObject();

    private static string With(Action<JsonObject> change)
    {
        var body = Valid();
        change(body);
        return body.ToJsonString();
    }

    private static JsonObject Step(JsonObject body, int index) => body["ladder"]![index]!.AsObject();

    private static JsonObject Target(JsonObject body, int index) => body["targets"]![index]!.AsObject();

    public static TheoryData<string, string> BadPolicies() => new()
    {
        { "ladder[2].percent", With(b => { Step(b, 2).Remove("afterBreach"); Step(b, 2)["percent"] = 1e30; }) },
        { "ladder[0].percent", With(b => Step(b, 0)["percent"] = 150) },
        { "ladder[1].percent", With(b => Step(b, 1)["percent"] = 99) },
        { "ladder[2].afterBreach", With(b => Step(b, 2)["afterBreach"] = "10675199.02:48:05") },
        { "targets[0].target", With(b => Target(b, 0)["target"] = "10675199.02:48:05") }, // about 29,000 years
        { "targets[0].target", With(b => Target(b, 0)["target"] = "00:00:00") },
        { "targets[0].target", With(b => Target(b, 0)["target"] = "-01:00:00") },
        { "match", With(b => b["match"] = null) },
        { "targets", With(b => b["targets"] = null) },
        { "ladder", With(b => b["ladder"] = null) },
        { "targets", With(b => b["targets"] = new JsonArray()) },
        { "targets[0]", With(b => b["targets"] = new JsonArray((JsonNode?)null)) },
        { "ladder[1]", With(b => b["ladder"]![1] = null) },
        { "ladder[0].actions", With(b => Step(b, 0)["actions"] = null) },
        { "ladder[0].actions[0]", With(b => Step(b, 0)["actions"]![0] = null) },
        { "ladder[0].metrics[0]", With(b => Step(b, 0)["metrics"] = new JsonArray((JsonNode?)null)) },
        { "ladder[0].kind", With(b => Step(b, 0)["kind"] = null) },
        { "targets[0].metric", With(b => Target(b, 0)["metric"] = null) },
        { "targets[0].metric", With(b => Target(b, 0)["metric"] = "1") },
        { "targets[0].calendar", With(b => Target(b, 0)["calendar"] = null) },
        { "match.priorities[0]", With(b => b["match"]!["priorities"] = new JsonArray((JsonNode?)null)) },
        { "match.priorities[0]", With(b => b["match"]!["priorities"] = new JsonArray("P1,P2")) },
        { "match.tiers[0]", With(b => b["match"]!["tiers"] = new JsonArray((JsonNode?)null)) },
        { "match.tiers[0]", With(b => b["match"]!["tiers"] = new JsonArray(Huge)) },
        { "name", With(b => b["name"] = Huge) },
        { "name", With(b => b["name"] = null) },
        { "id", With(b => b["id"] = Huge) },
        { "ladder[0].id", With(b => Step(b, 0)["id"] = Huge) },
        { "ladder[0].actions[0].role", With(b => Step(b, 0)["actions"]![0]!["role"] = Huge) },
        { "ladder[0].actions[0].type", With(b => Step(b, 0)["actions"]![0]!["type"] = null) },
        { "ladder", With(b => b["ladder"] = new JsonArray([.. Enumerable.Range(1, 21).Select(i => (JsonNode)JsonNode.Parse($$"""{"id": "w{{i}}", "kind": "warning", "percent": {{i}}, "actions": []}""")!)])) },
        { "body", "null" },
    };

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public async Task A_bad_policy_is_a_400_naming_the_field_and_the_book_is_unchanged(string field, string body)
    {
        using var admin = await cluster.App.ClientAsAsync("admin");
        var before = await BookAsync();

        var response = await admin.PutAsync($"/api/sla/policies/{PolicyId}", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for {field}: {problem}");
        Assert.Equal(before, await BookAsync());
    }

    [Fact]
    public async Task Every_bad_field_of_a_policy_is_named_at_once()
    {
        using var admin = await cluster.App.ClientAsAsync("admin");
        var body = With(b =>
        {
            b["name"] = Huge;
            b["match"] = null;
            Target(b, 0)["target"] = "10675199.02:48:05";
            Step(b, 0)["percent"] = 1e30;
            Step(b, 2)["actions"] = null;
        });

        var response = await admin.PutAsync($"/api/sla/policies/{PolicyId}", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(
            ["ladder[0].percent", "ladder[2].actions", "match", "name", "targets[0].target"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_policy_at_the_outer_bounds_is_saved_and_its_tickets_open_and_change_priority()
    {
        using var admin = await cluster.App.ClientAsAsync("admin");
        var policy = "outer-bounds";
        var saved = await admin.PutAsync($"/api/sla/policies/{policy}?position=0", Json($$"""
            {"id": "{{policy}}", "name": "Outer bounds", "match": {"serviceTypes": ["maintenance"]},
             "targets": [{"metric": "response", "target": "365.00:00:00", "calendar": "shanghai-business"},
                         {"metric": "resolution", "target": "00:00:01", "calendar": "24x7"}],
             "ladder": [{"id": "warn", "kind": "warning", "percent": 99.99, "level": 0, "actions": []},
                        {"id": "breach", "kind": "breach", "percent": 100, "level": 1, "actions": []},
                        {"id": "far", "kind": "escalation", "percent": 1000, "level": 2, "actions": [{"type": "widenSearch", "factor": 100}]},
                        {"id": "month", "kind": "escalation", "afterBreach": "30.00:00:00", "level": 10, "actions": [{"type": "raisePriority"}]}]}
            """));
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        try
        {
            using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
            var customer = "cust-" + Guid.NewGuid().ToString("N")[..8];
            (await dispatcher.PutAsync($"/api/customers/{customer}", Json("""{"name": "Acme", "tier": "standard", "sites": []}"""))).EnsureSuccessStatusCode();
            var body = TicketBodies.Valid(customer);
            body["serviceType"] = "maintenance";
            body["priority"] = "P4";

            var opened = await dispatcher.PostAsync("/api/tickets", Json(body.ToJsonString()));
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
            var ticket = await opened.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(policy, ticket.GetProperty("slaPolicyId").GetString());
            var id = ticket.GetProperty("id").GetString();

            var raised = await dispatcher.PostAsync($"/api/tickets/{id}/priority", Json("""{"priority": "P1", "reason": "hospital"}"""));
            Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        }
        finally
        {
            (await admin.DeleteAsync($"/api/sla/policies/{policy}")).EnsureSuccessStatusCode();
        }
    }

    private async Task<string> BookAsync()
    {
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        return await dispatcher.GetStringAsync("/api/sla/policies");
    }
}
