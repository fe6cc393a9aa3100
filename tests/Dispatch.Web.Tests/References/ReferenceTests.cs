using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Web.Tests.Customers;
using Dispatch.Web.Tests.Infrastructure;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.References;

/// <summary>
/// Ids that point into the SLA book must name something in it (issue 12, item 7): an unknown shift calendar
/// once meant "always on shift", an unknown contract policy meant "whatever the book matches".
/// </summary>
public sealed class ReferenceTests(WebClusterFixture cluster) : IClassFixture<WebClusterFixture>
{
    private static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private static StringContent EngineerBody(string shiftCalendar) => Json($$"""
        {"name": "Zhao Lei", "skills": {"hvac": 70}, "homeBase": {"lat": 31.2, "lon": 121.5}, "shiftCalendar": "{{shiftCalendar}}"}
        """);

    [Fact]
    public async Task An_engineer_on_an_unknown_shift_calendar_is_refused_and_not_created()
    {
        using var admin = await cluster.App.ClientAsAsync("admin");
        var id = NewId("eng-");

        var response = await admin.PutAsync($"/api/engineers/{id}", EngineerBody("nights-typo"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("shiftCalendar", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/engineers/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("shanghai-business")]
    [InlineData("24x7")]
    public async Task An_engineer_on_a_calendar_of_the_book_is_registered(string calendar)
    {
        using var admin = await cluster.App.ClientAsAsync("admin");
        var id = NewId("eng-");

        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsync($"/api/engineers/{id}", EngineerBody(calendar))).StatusCode);

        var engineer = await admin.GetFromJsonAsync<JsonElement>($"/api/engineers/{id}");
        Assert.Equal(calendar, engineer.GetProperty("profile").GetProperty("shiftCalendar").GetString());
    }

    [Fact]
    public async Task A_customer_contract_naming_an_unknown_policy_is_refused_and_nothing_changes()
    {
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var id = NewId("cust-");
        var unknown = CustomerBodies.With(b => CustomerBodies.Contract(b)["slaPolicyId"] = "vip-gold");

        var created = await dispatcher.PutAsync($"/api/customers/{id}", Json(unknown));

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.True((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("contract.slaPolicyId", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await dispatcher.GetAsync($"/api/customers/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await dispatcher.PutAsync($"/api/customers/{id}", Json(CustomerBodies.With(_ => { })))).StatusCode);
        var before = await ProfileAsync(dispatcher, id);
        var changed = await dispatcher.PutAsync($"/api/customers/{id}", Json(unknown));
        Assert.Equal(HttpStatusCode.BadRequest, changed.StatusCode);
        Assert.Equal(before, await ProfileAsync(dispatcher, id));
        Assert.Contains("vip-critical", before, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vip-critical")]
    [InlineData("standard")] // the book's default policy
    public async Task A_customer_contract_may_name_any_policy_of_the_book(string policy)
    {
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var body = CustomerBodies.With(b => CustomerBodies.Contract(b)["slaPolicyId"] = policy);

        Assert.Equal(HttpStatusCode.Created, (await dispatcher.PutAsync($"/api/customers/{NewId("cust-")}", Json(body))).StatusCode);
    }

    private static async Task<string> ProfileAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/customers/{id}")).GetProperty("profile").ToString();
}
