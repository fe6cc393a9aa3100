using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Customers;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Customers;

/// <summary>PUT and GET /api/customers/{id} over real HTTP, against a real silo on a private PostgreSQL.</summary>
public sealed class CustomerEndpointTests(WebClusterFixture cluster) : IClassFixture<WebClusterFixture>
{
    private static string NewId() => "cust-" + Guid.NewGuid().ToString("N")[..12];

    public static TheoryData<string, string> BadBodies() => new()
    {
        { "name", CustomerBodies.With(b => b.Remove("name")) },
        { "name", CustomerBodies.With(b => b["name"] = "   ") },
        { "name", CustomerBodies.With(b => b["name"] = new string('n', 201)) },
        { "tier", CustomerBodies.With(b => b.Remove("tier")) },
        { "tier", CustomerBodies.With(b => b["tier"] = "gold") },
        { "sites", CustomerBodies.With(b => b.Remove("sites")) },
        { "sites", CustomerBodies.With(b => b["sites"] = new JsonArray([.. Enumerable.Range(0, 51).Select(i => (JsonNode)new JsonObject { ["id"] = $"s{i}", ["name"] = "S", ["lat"] = 0, ["lon"] = 0 })])) },
        { "sites[0]", CustomerBodies.With(b => ((JsonArray)b["sites"]!)[0] = null) },
        { "sites[0].id", CustomerBodies.With(b => CustomerBodies.Site(b, 0)["id"] = "head office") },
        { "sites[0].id", CustomerBodies.With(b => CustomerBodies.Site(b, 0)["id"] = new string('x', 65)) },
        { "sites[1].id", CustomerBodies.With(b => CustomerBodies.Site(b, 1)["id"] = "HQ") },
        { "sites[0].name", CustomerBodies.With(b => CustomerBodies.Site(b, 0)["name"] = "") },
        { "sites[0].lat", CustomerBodies.With(b => CustomerBodies.Site(b, 0)["lat"] = 90.5) },
        { "sites[0].lat", CustomerBodies.With(b => CustomerBodies.Site(b, 0).Remove("lat")) },
        { "sites[0].lat", CustomerBodies.With(b => CustomerBodies.Site(b, 0)["lat"] = "north") },
        { "sites[1].lon", CustomerBodies.With(b => CustomerBodies.Site(b, 1)["lon"] = -180.01) },
        { "sites[0].address", CustomerBodies.With(b => CustomerBodies.Site(b, 0)["address"] = new string('a', 501)) },
        { "sites[0].address", CustomerBodies.With(b => CustomerBodies.Site(b, 0)["address"] = " ") },
        { "contract.id", CustomerBodies.With(b => CustomerBodies.Contract(b).Remove("id")) },
        { "contract.slaPolicyId", CustomerBodies.With(b => CustomerBodies.Contract(b)["slaPolicyId"] = "gold policy!") },
        { "contract.validFrom", CustomerBodies.With(b => CustomerBodies.Contract(b).Remove("validFrom")) },
        { "contract.validFrom", CustomerBodies.With(b => CustomerBodies.Contract(b)["validFrom"] = "2026-13-01") },
        { "contract.validTo", CustomerBodies.With(b => CustomerBodies.Contract(b)["validTo"] = "2025-12-31") },
        { "phone", CustomerBodies.With(b => b["phone"] = "call me maybe") },
        { "phone", CustomerBodies.With(b => b["phone"] = new string('1', 33)) },
        { "email", CustomerBodies.With(b => b["email"] = "ops at northwind") },
        { "vipLevel", CustomerBodies.With(b => b["vipLevel"] = 3) },
        { "sites[0].floor", CustomerBodies.With(b => CustomerBodies.Site(b, 0)["floor"] = 2) },
        { "body", "null" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_field_is_a_400_naming_it_and_creates_nothing(string field, string body)
    {
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var id = NewId();

        var response = await dispatcher.PutAsync($"/api/customers/{id}", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await dispatcher.GetAsync($"/api/customers/{id}")).StatusCode);
    }

    [Fact]
    public async Task Several_bad_fields_are_all_named_at_once()
    {
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var body = CustomerBodies.With(b =>
        {
            b["tier"] = "gold";
            CustomerBodies.Site(b, 1)["lat"] = -91;
            b["email"] = "nope";
        });

        var response = await dispatcher.PutAsync($"/api/customers/{NewId()}", Json(body));

        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["email", "sites[1].lat", "tier"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("has%20space")]
    [InlineData("a65-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("caf%C3%A9")]
    public async Task A_bad_customer_id_is_a_400_naming_it(string id)
    {
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");

        var put = await dispatcher.PutAsync($"/api/customers/{id}", Json(CustomerBodies.Valid().ToJsonString()));
        var get = await dispatcher.GetAsync($"/api/customers/{id}");

        foreach (var response in new[] { put, get })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("id", out _), problem.ToString());
        }
    }

    [Fact]
    public async Task An_unknown_customer_is_a_404_problem()
    {
        using var supervisor = await cluster.App.ClientAsAsync("supervisor");

        var response = await supervisor.GetAsync($"/api/customers/{NewId()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Roles_are_enforced()
    {
        var id = NewId();
        var body = CustomerBodies.Valid().ToJsonString();
        using var anonymous = cluster.App.CreateClient();
        using var intake = await cluster.App.ClientAsAsync("intake");
        using var engineer = await cluster.App.ClientAsAsync("engineer", "eng-1");
        using var supervisor = await cluster.App.ClientAsAsync("supervisor");
        using var admin = await cluster.App.ClientAsAsync("admin");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsync($"/api/customers/{id}", Json(body))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/customers/{id}")).StatusCode);
        foreach (var client in new[] { intake, engineer })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsync($"/api/customers/{id}", Json(body))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/customers/{id}")).StatusCode);
        }
        // A supervisor watches customers but does not edit them.
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PutAsync($"/api/customers/{id}", Json(body))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/api/customers/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsync($"/api/customers/{id}", Json(body))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/customers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/customers/{id}")).StatusCode);
    }

    [Fact]
    public async Task Put_then_get_returns_the_360_view()
    {
        var id = NewId();
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        using var supervisor = await cluster.App.ClientAsAsync("supervisor");

        var created = await dispatcher.PutAsync($"/api/customers/{id}", Json(CustomerBodies.With(b => b["tier"] = "VIP")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/customers/{id}", created.Headers.Location?.OriginalString);

        // Tickets and surveys reach the customer from its tickets' grains, not over this API.
        var customer = cluster.App.Services.GetRequiredService<IClusterClient>().GetGrain<ICustomerGrain>(id);
        var now = DateTimeOffset.UtcNow;
        await customer.TrackTicket(new CustomerTicket("t-open", "Scanner down", Priority.P1, "repair", TicketStatus.EnRoute, now.AddHours(-1), null, false, true));
        await customer.TrackTicket(new CustomerTicket("t-done", "Printer jam", Priority.P3, "repair", TicketStatus.Closed, now.AddDays(-3), now.AddDays(-2), true, false));
        await customer.RecordSurvey(new SurveyResponse("t-done", new Survey(2, 3, "late", "dispatch"), now.AddDays(-1)));
        await Dispatch.Testing.Eventually.Until(() => customer.GetOverview(), o => o!.Satisfaction.Count == 1 && o.OpenTickets.Count == 1,
            what: "the one-way updates to be handled");

        var view = await supervisor.GetFromJsonAsync<JsonElement>($"/api/customers/{id}");

        Assert.Equal(id, view.GetProperty("id").GetString());
        var profile = view.GetProperty("profile");
        Assert.Equal("Northwind Clinics", profile.GetProperty("name").GetString());
        Assert.Equal("vip", profile.GetProperty("tier").GetString());
        Assert.Equal(["hq", "lab"], profile.GetProperty("sites").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(31.2304, profile.GetProperty("sites")[0].GetProperty("lat").GetDouble());
        Assert.Equal("2026-12-31", profile.GetProperty("contract").GetProperty("validTo").GetString());
        Assert.Equal("t-open", Assert.Single(view.GetProperty("openTickets").EnumerateArray()).GetProperty("ticketId").GetString());
        Assert.Equal("t-done", Assert.Single(view.GetProperty("recentTickets").EnumerateArray()).GetProperty("ticketId").GetString());
        var outcomes = view.GetProperty("slaOutcomes");
        Assert.Equal(1, outcomes.GetProperty("resolved").GetInt32());
        Assert.Equal(1, outcomes.GetProperty("breached").GetInt32());
        Assert.Equal(0, outcomes.GetProperty("complianceRate").GetDouble());
        Assert.Equal("dispatch", Assert.Single(view.GetProperty("satisfaction").EnumerateArray()).GetProperty("survey").GetProperty("blamedStage").GetString());
        var health = view.GetProperty("health");
        var penalties = health.GetProperty("penalties");
        var lost = penalties.EnumerateObject().Sum(p => p.Value.GetInt32());
        Assert.Equal(100 - lost, health.GetProperty("score").GetInt32());
        Assert.Equal(["frequency", "satisfaction", "severity", "sla-breaches"], penalties.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(30, penalties.GetProperty("sla-breaches").GetInt32());

        // A second PUT updates in place: 200, the new profile, the history kept.
        var updated = await dispatcher.PutAsync($"/api/customers/{id}", Json(CustomerBodies.With(b =>
        {
            b["tier"] = "standard";
            b.Remove("contract");
        })));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = await updated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("standard", after.GetProperty("profile").GetProperty("tier").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("profile").GetProperty("contract").ValueKind);
        Assert.Single(after.GetProperty("openTickets").EnumerateArray());
    }

    [Fact]
    public async Task The_openapi_document_lists_the_customer_routes()
    {
        using var client = cluster.App.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/customers/{id}", out _));
    }
}
