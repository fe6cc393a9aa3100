using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Hostile;

/// <summary>
/// Every hub method sent hostile arguments: each call fails with a HubException naming the argument (never a
/// dropped connection or a server error), the connection stays usable, and the engineer is as before.
/// </summary>
public sealed class HostileHubTests(LiveClusterFixture cluster) : IClassFixture<LiveClusterFixture>
{
    private const double Lat = 31.198;
    private const double Lon = 121.4765;

    /// <summary>(hub, method, arguments as JSON, the field the refusal names).</summary>
    public static TheoryData<string, string, string, string> Calls()
    {
        var longId = new string('r', 10_240);
        var many = new JsonArray([.. Enumerable.Range(0, 101).Select(i => (JsonNode)JsonValue.Create($"r{i}"))]).ToJsonString();
        return new()
        {
            { "dispatch", "Watch", "[null]", "regions" },
            { "dispatch", "Watch", """[["../riverside"]]""", "regions[0]" },
            { "dispatch", "Watch", $$"""[["{{longId}}"]]""", "regions[0]" },
            { "dispatch", "Watch", """[["atlantis"]]""", "regions[0]" },
            { "dispatch", "Watch", """[["river\u202Eside"]]""", "regions[0]" },
            { "dispatch", "Watch", """[[null]]""", "regions[0]" },
            { "dispatch", "Watch", $"[{many}]", "regions" },
            { "dispatch", "Watch", """[["riverside"]]""", "" },
            { "dispatch", "Acknowledge", "[null]", "alertId" },
            { "dispatch", "Acknowledge", """["t-1:a\u0000b"]""", "alertId" },
            { "dispatch", "Acknowledge", $$"""["{{longId}}"]""", "alertId" },
            { "dispatch", "Acknowledge", """["t-unknown:response:breach"]""", "alertId" },
            { "engineer", "ReportPosition", $$"""["NaN", {{Lon}}, "{now}", null]""", "" },
            { "engineer", "ReportPosition", $$"""[91, {{Lon}}, "{now}", null]""", "lat" },
            { "engineer", "ReportPosition", $$"""[{{Lat}}, -180.5, "{now}", null]""", "lon" },
            { "engineer", "ReportPosition", $$"""[1e300, 1e300, "{now}", null]""", "lat" },
            { "engineer", "ReportPosition", $$"""[{{Lat}}, {{Lon}}, "1970-01-01T00:00:00Z", null]""", "at" },
            { "engineer", "ReportPosition", $$"""[{{Lat}}, {{Lon}}, "9999-12-31T23:59:59Z", null]""", "at" },
            { "engineer", "ReportPosition", $$"""[{{Lat}}, {{Lon}}, "{now}", -1]""", "accuracy" },
            { "engineer", "ReportPosition", $$"""[{{Lat}}, {{Lon}}, "{now}", 1e300]""", "accuracy" },
            { "engineer", "ReportPosition", """["north", "east", "today", null]""", "" },
            { "engineer", "ReportPosition", $$"""[{{Lat}}, {{Lon}}]""", "" },
        };
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task A_hostile_call_fails_with_a_HubException_and_changes_nothing(string hub, string method, string arguments, string field)
    {
        var engineerId = "eng-hub-" + Guid.NewGuid().ToString("N")[..6];
        await EngineerAsync(engineerId);
        var before = await EngineerStateAsync(engineerId);
        await using var connection = hub == "dispatch"
            ? await cluster.ConnectAsync("/hubs/dispatch", "dispatcher")
            : await cluster.ConnectAsync("/hubs/engineer", "engineer", engineerId);
        var args = JsonNode.Parse(arguments.Replace("{now}", cluster.Clock.GetUtcNow().ToString("O"), StringComparison.Ordinal))!.AsArray()
            .Select(a => a is null ? null : (object)JsonSerializer.Deserialize<JsonElement>(a.ToJsonString())).ToArray();

        if (field == "" && method == "Watch")
        {
            // The one well-formed call in the list: it works, so the refusals above are the input's fault.
            await connection.InvokeCoreAsync("Watch", args);
            return;
        }
        var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeCoreAsync<object>(method, args));

        Assert.Contains(field, refused.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, connection.State);
        await connection.InvokeCoreAsync<object>(hub == "dispatch" ? "Snapshot" : "ReportPosition",
            hub == "dispatch" ? [] : [Lat, Lon, cluster.Clock.GetUtcNow().AddSeconds(-30), null]);
        Assert.Equal(before, await EngineerStateAsync(engineerId));
    }

    [Fact]
    public async Task Watch_null_is_a_HubException_not_a_crash()
    {
        await using var dispatcher = await cluster.ConnectAsync("/hubs/dispatch", "dispatcher");

        var refused = await Assert.ThrowsAsync<HubException>(() => dispatcher.InvokeAsync("Watch", (string[]?)null));

        Assert.Contains("regions", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, dispatcher.State);
    }

    [Fact]
    public async Task A_NUL_in_a_path_is_refused_by_the_server()
    {
        using var client = new HttpClient { BaseAddress = cluster.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", await cluster.App.TokenAsync("dispatcher"));

        var response = await client.PostAsync("/api/engineers/a%00b/status", Json("""{"status": "Offline"}"""));

        Assert.True((int)response.StatusCode is >= 400 and < 500, response.StatusCode.ToString());
    }

    private async Task EngineerAsync(string id)
    {
        using var admin = await cluster.App.ClientAsAsync("admin");
        (await admin.PutAsync($"/api/engineers/{id}", Json($$"""{"name": "Hub Engineer", "homeBase": {"lat": {{Lat}}, "lon": {{Lon}} } }"""))).EnsureSuccessStatusCode();
        using var engineer = await cluster.App.ClientAsAsync("engineer", id);
        (await engineer.PostAsync($"/api/engineers/{id}/position", Json($$"""{"lat": {{Lat}}, "lon": {{Lon}}, "at": "{{cluster.Clock.GetUtcNow():O}}"}"""))).EnsureSuccessStatusCode();
    }

    // The silo's grains run on the fixture's clock, so device times are read from it too.
    private async Task<string> EngineerStateAsync(string id)
    {
        using var admin = await cluster.App.ClientAsAsync("admin");
        var view = (await admin.GetFromJsonAsync<JsonObject>($"/api/engineers/{id}"))!;
        (view["position"] as JsonObject)?.Remove("age");
        return view.ToJsonString();
    }
}
