using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.CustomerMail;

/// <summary>
/// With no mail server configured (the fixture has no Mail:Host) no e-mail is owed: the router moves past a customer's
/// milestones and writes no outbox row, neither one waiting for the sender nor a settled one.
/// </summary>
public sealed class MailOffTests(WebClusterFixture fixture) : IClassFixture<WebClusterFixture>
{
    [Fact]
    public async Task A_milestone_routed_while_mail_is_off_owes_no_mail_and_writes_no_row()
    {
        var customerId = "cust-" + Guid.NewGuid().ToString("N")[..8];
        using var dispatcher = await fixture.App.ClientAsAsync("dispatcher");
        var put = await dispatcher.PutAsync($"/api/customers/{customerId}", Json($$"""
            {"name": "Anna Wu", "tier": "standard", "email": "anna@customer.test",
             "sites": [{"id": "plant-1", "name": "Riverside plant", "lat": 31.198, "lon": 121.4765, "address": "12 Riverside Road"}]}
            """));
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        using var intake = await fixture.App.ClientAsAsync("intake");
        var created = await intake.PostAsync("/api/tickets", Json($$"""
            {"customerId": "{{customerId}}", "title": "How do I reset it?", "serviceType": "consultation", "priority": "P3",
             "location": {"lat": 31.198, "lon": 121.4765}, "channel": "phone"}
            """));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ticketId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var resolved = await dispatcher.PostAsync($"/api/tickets/{ticketId}/resolve", Json("""{"notes": "explained the reset"}"""));
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);

        var routedPast = await Eventually.Until(() => fixture.Database.QueryScalarAsync<bool>($"""
                SELECT (c.last_tx, c.last_position) >= (e.tx, e.position)
                  FROM dispatch_projection_checkpoints c, dispatch_events e
                 WHERE c.projection = 'customer-mail' AND e.stream = 'ticket:{ticketId}' AND e.type = 'ticket.resolved'
                """),
            past => past, TimeSpan.FromMinutes(1), "the customer-mail router to pass the resolution");
        Assert.True(routedPast);
        Assert.Equal(0, await fixture.Database.QueryScalarAsync<long>($"SELECT count(*) FROM customer_mail_outbox WHERE ticket_id = '{ticketId}'"));
    }
}
