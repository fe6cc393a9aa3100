using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Field;

public sealed partial class FieldAppTests
{
    [Fact]
    public async Task An_engineer_reads_the_customer_of_a_job_offered_or_assigned_to_them_and_no_other()
    {
        var skill = NewId("s");
        var (a, b) = (NewId("eng-a"), NewId("eng-b"));
        var customer = NewId("cust");
        await EngineerAsync(a, skill, Lat + 0.001);
        await EngineerAsync(b, skill, Lat + 0.01);
        await CustomerAsync(customer, "Acme Cold Storage");
        var first = await TicketAsync(customer, skill);
        await OfferedToAsync(first, a);

        using var engineerA = await cluster.App.ClientAsAsync("engineer", a);
        using var engineerB = await cluster.App.ClientAsAsync("engineer", b);
        var card = await engineerA.GetFromJsonAsync<JsonElement>($"/api/tickets/{first}/customer");
        Assert.Equal("Acme Cold Storage", card.GetProperty("name").GetString());
        Assert.Equal("+86 21 5555 0101", card.GetProperty("phone").GetString());
        Assert.Equal("12 Riverside Road", card.GetProperty("site").GetProperty("address").GetString());
        Assert.Equal("plant-1", card.GetProperty("site").GetProperty("id").GetString());
        var refused = await engineerB.GetAsync($"/api/tickets/{first}/customer");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("Acme", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await engineerB.GetAsync($"/api/customers/{customer}")).StatusCode);

        // A second job at the same site goes to B (A holds an offer); A's card names it as open at the site.
        var second = await TicketAsync(customer, skill);
        await OfferedToAsync(second, b);
        Assert.Equal(HttpStatusCode.OK, (await engineerB.GetAsync($"/api/tickets/{second}/customer")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineerA.GetAsync($"/api/tickets/{second}/customer")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineerB.GetAsync($"/api/tickets/{first}/customer")).StatusCode);
        await Testing.Eventually.Until(() => engineerA.GetFromJsonAsync<JsonElement>($"/api/tickets/{first}/customer"),
            c => c.GetProperty("openAtSite").EnumerateArray().Any(t => t.GetProperty("ticketId").GetString() == second),
            TimeSpan.FromSeconds(30), "the second ticket open at the site");

        // Assigned: still readable; done: no longer.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(engineerA, $"/api/tickets/{first}/accept", "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await engineerA.GetAsync($"/api/tickets/{first}/customer")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(engineerA, $"/api/tickets/{first}/on-site", "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(engineerA, $"/api/tickets/{first}/resolved", """{"notes":"reset"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineerA.GetAsync($"/api/tickets/{first}/customer")).StatusCode);

        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        Assert.Equal(HttpStatusCode.OK, (await dispatcher.GetAsync($"/api/tickets/{first}/customer")).StatusCode);
        using var intake = await cluster.App.ClientAsAsync("intake");
        Assert.Equal(HttpStatusCode.Forbidden, (await intake.GetAsync($"/api/tickets/{first}/customer")).StatusCode);
    }
}
