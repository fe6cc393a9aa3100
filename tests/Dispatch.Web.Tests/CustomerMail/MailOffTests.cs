using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.CustomerMail;

/// <summary>
/// With no mail server configured (the fixture has no Mail:Host), a customer's milestone is recorded in the outbox as
/// skipped, with the reason, when it is routed: no row waits for the sender to claim it only to skip it.
/// </summary>
public sealed class MailOffTests(WebClusterFixture fixture) : IClassFixture<WebClusterFixture>
{
    [Fact]
    public async Task A_milestone_is_recorded_as_skipped_when_routed_and_never_waits_for_the_sender()
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

        // Attempts 0: the row was written settled; one the sender had claimed and skipped would say 1.
        var row = await Eventually.Until(() => fixture.Database.QueryScalarAsync<string>(
                $"SELECT state || ', ' || attempts || ', ' || last_error || ', ' || (finished_at IS NOT NULL) FROM customer_mail_outbox "
                + $"WHERE ticket_id = '{ticketId}' AND event_type = 'ticket.resolved'"),
            s => s is not null, TimeSpan.FromMinutes(1), "the resolution's outbox row");
        Assert.Equal("skipped, 0, mail is off (no Mail:Host), true", row);
        Assert.Equal(0, await fixture.Database.QueryScalarAsync<long>(
            $"SELECT count(*) FROM customer_mail_outbox WHERE ticket_id = '{ticketId}' AND state <> 'skipped'"));
    }
}
