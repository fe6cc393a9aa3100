using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Web.Tests.Infrastructure;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.ReadSide;

/// <summary>SLA policy changes are events of the policy's stream, written with the book, and read back from /api/audit.</summary>
public sealed class SlaPolicyAuditTests(WebClusterFixture cluster) : IClassFixture<WebClusterFixture>
{
    [Fact]
    public async Task Adding_changing_and_removing_a_policy_leaves_its_history_in_the_audit_trail()
    {
        var policy = "audited-" + Guid.NewGuid().ToString("N")[..8];
        using var admin = await cluster.App.ClientAsAsync("admin");
        string Body(string name) => $$"""
            {"id": "{{policy}}", "name": "{{name}}", "match": {"serviceTypes": ["maintenance"]},
             "targets": [{"metric": "resolution", "target": "08:00:00", "calendar": "24x7"}],
             "ladder": [{"id": "breach", "kind": "breach", "percent": 100, "level": 1, "actions": []}]}
            """;
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsync($"/api/sla/policies/{policy}", Json(Body("Eight hours")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync($"/api/sla/policies/{policy}", Json(Body("Still eight hours")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/sla/policies/{policy}")).StatusCode);

        // The log is written with the book, not projected: the trail is complete as soon as the answers came.
        using var supervisor = await cluster.App.ClientAsAsync("supervisor");
        var trail = await supervisor.GetFromJsonAsync<JsonElement>($"/api/audit?stream=sla-policy:{policy}");
        var items = trail.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["sla.policy-removed", "sla.policy-updated", "sla.policy-added"], items.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal([3L, 2L, 1L], items.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.All(items, e => Assert.Equal("admin", e.GetProperty("actorRole").GetString()));
        Assert.Equal("Still eight hours", items[1].GetProperty("data").GetProperty("policy").GetProperty("name").GetString());

        // The policies the book was seeded with are in the log too, added by the system.
        var seeded = await supervisor.GetFromJsonAsync<JsonElement>("/api/audit?type=sla.policy-added&actor=system");
        Assert.NotEmpty(seeded.GetProperty("items").EnumerateArray());
    }
}
