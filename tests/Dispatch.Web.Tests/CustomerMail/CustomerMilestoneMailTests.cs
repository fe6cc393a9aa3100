using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.CustomerMail;

/// <summary>
/// The customer hears of each milestone of their ticket by e-mail (offered, accepted, en route, resolved with the
/// service report), from the event log, each with the ticket's status link; the same milestones' webhooks carry the
/// link, the engineer's first name and the ETA for SMS or chat gateways.
/// </summary>
public sealed class CustomerMilestoneMailTests(CustomerMailFixture fixture) : IClassFixture<CustomerMailFixture>
{
    // Inside the sample city's Riverside district.
    private const double Lat = 31.198;
    private const double Lon = 121.4765;

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Each_milestone_mails_the_customer_once_with_the_status_link_and_the_resolution_carries_the_service_report()
    {
        var endpoint = fixture.Receiver.Endpoint();
        using (var admin = await fixture.App.ClientAsAsync("admin"))
        {
            var subscribed = await admin.PostAsync("/api/webhooks/subscriptions", Json($$"""
                {"url": "{{endpoint.Url}}", "eventTypes": ["ticket.offered", "ticket.accepted", "ticket.en_route", "ticket.resolved"]}
                """));
            Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        }
        var email = NewId("anna") + "@customer.test";
        var customer = await CustomerAsync(email);
        var skill = NewId("s");
        var engineerId = NewId("eng-mail");
        await EngineerAsync(engineerId, "Mei Chen", skill);
        var (ticketId, link) = await TicketAsync(customer, skill);
        Assert.StartsWith(CustomerMailFixture.PublicBaseUrl + "/t/" + ticketId + ".", link);

        using var dispatcher = await fixture.App.ClientAsAsync("dispatcher");
        await Eventually.Until(() => dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}"),
            t => t.GetProperty("status").GetString() == "Offered", Patience, "the offer");
        using var engineer = await fixture.App.ClientAsAsync("engineer", engineerId);
        await PostOkAsync(engineer, $"/api/tickets/{ticketId}/accept", "{}");
        await PostOkAsync(engineer, $"/api/tickets/{ticketId}/en-route", "{}");
        await PostOkAsync(engineer, $"/api/tickets/{ticketId}/on-site", "{}");
        var signature = new ByteArrayContent(new byte[2_000]);
        signature.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var stored = await engineer.PostAsync($"/api/tickets/{ticketId}/photos?kind=signature", signature);
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        var signatureId = (await stored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await PostOkAsync(engineer, $"/api/tickets/{ticketId}/resolved", $$$"""
            {"notes":"filters replaced","partsUsed":["filter-std"],
             "report":{"checksDone":["power-isolated","filters-replaced","area-cleaned"],"faultCode":"WEAR","signatureId":"{{{signatureId}}}"}}
            """);

        var mails = await fixture.Mail.WaitFor(email, 4);
        Assert.Equal(4, mails.Count);
        Assert.All(mails, m => Assert.Contains(link, m.TextBody));
        Assert.All(mails, m => Assert.Contains("Mei", m.TextBody));
        Assert.All(mails, m => Assert.DoesNotContain("Chen", m.TextBody));
        Assert.Contains("assigning an engineer", mails[0].Subject);
        Assert.Contains("will handle your request", mails[1].Subject);
        Assert.Contains("is on the way", mails[2].Subject);
        Assert.Contains("is done", mails[3].Subject);
        Assert.All(mails.Take(3), m => Assert.Contains("Expected arrival", m.TextBody));
        var report = mails[3].TextBody;
        Assert.Contains("Summary: filters replaced", report);
        Assert.Contains("Fault: WEAR (Normal wear)", report);
        Assert.Contains("Parts used: Air filter, standard", report);
        Assert.Contains("[x] Filters checked or replaced", report);
        Assert.Contains("Customer's signature: taken on site", report);
        Assert.DoesNotContain("Expected arrival", report);

        // The gateways' share: the same milestones, each with the link, the first name and (until arrival) the ETA.
        var hooks = await Eventually.Until(() => Task.FromResult(endpoint.Accepted.ToList()),
            m => m.Count(h => h.Body.Contains(ticketId, StringComparison.Ordinal)) >= 4, Patience, "the four webhooks");
        var mine = hooks.Where(h => h.Body.Contains(ticketId, StringComparison.Ordinal)).ToList();
        Assert.Equal(["ticket.offered", "ticket.accepted", "ticket.en_route", "ticket.resolved"], mine.Select(h => h.Json.GetProperty("type").GetString()));
        foreach (var hook in mine)
        {
            var told = hook.Json.GetProperty("data").GetProperty("customer");
            Assert.Equal(link, told.GetProperty("statusLink").GetString());
            Assert.Equal("Mei", told.GetProperty("engineerFirstName").GetString());
            Assert.DoesNotContain(email, hook.Body);
        }
        Assert.All(mine.Take(3), h => Assert.True(h.Json.GetProperty("data").GetProperty("customer").TryGetProperty("eta", out _)));

        // A retry of the router (its checkpoint moved back, as after a crash before it committed) owes no second e-mail.
        var applied = await fixture.Database.QueryScalarAsync<long>("SELECT events_applied FROM dispatch_projection_checkpoints WHERE projection = 'customer-mail'");
        var logged = await fixture.Database.QueryScalarAsync<long>("SELECT count(*) FROM dispatch_events");
        await fixture.Database.QueryScalarAsync<long>("UPDATE dispatch_projection_checkpoints SET last_tx = '0', last_position = 0 WHERE projection = 'customer-mail' RETURNING 1");
        await Eventually.Until(() => fixture.Database.QueryScalarAsync<long>("SELECT events_applied FROM dispatch_projection_checkpoints WHERE projection = 'customer-mail'"),
            n => n >= applied + logged, Patience, "the router reading the log again");
        var rows = await fixture.Database.QueryScalarAsync<string>(
            $"SELECT string_agg(event_type || ':' || state, ',' ORDER BY sequence) FROM customer_mail_outbox WHERE ticket_id = '{ticketId}'");
        Assert.Equal("ticket.offered:sent,ticket.accepted:sent,ticket.en-route:sent,ticket.resolved:sent", rows);
        Assert.Equal(4, fixture.Mail.To(email).Count);
    }

    [Fact]
    public async Task A_customer_without_an_e_mail_address_gets_none_and_the_outbox_says_why()
    {
        var customer = await CustomerAsync(email: null);
        using var intake = await fixture.App.ClientAsAsync("intake");
        var created = await intake.PostAsync("/api/tickets", Json($$"""
            {"customerId": "{{customer}}", "title": "How do I reset it?", "serviceType": "consultation", "priority": "P3",
             "location": {"lat": {{Lat}}, "lon": {{Lon}}}, "channel": "phone"}
            """));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ticketId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var dispatcher = await fixture.App.ClientAsAsync("dispatcher");
        await PostOkAsync(dispatcher, $"/api/tickets/{ticketId}/resolve", """{"notes": "explained the reset"}""");

        var state = await Eventually.Until(() => fixture.Database.QueryScalarAsync<string>(
                $"SELECT state || ': ' || last_error FROM customer_mail_outbox WHERE ticket_id = '{ticketId}' AND event_type = 'ticket.resolved'"),
            s => s is not null && !s.StartsWith("pending", StringComparison.Ordinal), Patience, "the resolution's e-mail row");
        Assert.Equal("skipped: the customer has no e-mail address", state);
    }

    [Fact]
    public async Task A_slow_mail_server_holds_back_no_other_follower_of_the_event_log()
    {
        var email = NewId("slow") + "@customer.test";
        var customer = await CustomerAsync(email);
        var skill = NewId("s");
        await EngineerAsync(NewId("eng-slow"), "Li Wei", skill);
        using (fixture.Mail.Hold())
        {
            await TicketAsync(customer, skill);
            await fixture.Mail.WaitFor(email);
            // The offer's e-mail is in the middle of its SMTP conversation (the client waits up to 2 min for the answer);
            // a ticket opened now reaches the read model all the same.
            var (second, _) = await TicketAsync(await CustomerAsync(null), skill);
            await Eventually.Until(
                () => fixture.Database.QueryScalarAsync<long>($"SELECT count(*) FROM rm_tickets WHERE ticket_id = '{second}'"),
                found => found == 1, TimeSpan.FromSeconds(60), "the ticket opened during the send, in the read model");
            Assert.Single(fixture.Mail.To(email));
        }
    }

    private static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private static async Task PostOkAsync(HttpClient client, string path, string body)
    {
        var response = await client.PostAsync(path, Json(body));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<string> CustomerAsync(string? email)
    {
        var id = NewId("cust");
        using var dispatcher = await fixture.App.ClientAsAsync("dispatcher");
        var mail = email is null ? "" : $"\"email\": \"{email}\",";
        var put = await dispatcher.PutAsync($"/api/customers/{id}", Json($$"""
            {"name": "Anna Wu", "tier": "standard", {{mail}}
             "sites": [{"id": "plant-1", "name": "Riverside plant", "lat": {{Lat}}, "lon": {{Lon}}, "address": "12 Riverside Road"}]}
            """));
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        return id;
    }

    private async Task EngineerAsync(string id, string name, string skill)
    {
        using var admin = await fixture.App.ClientAsAsync("admin");
        await admin.AddSkillAsync(skill);
        var put = await admin.PutAsync($"/api/engineers/{id}", Json($$"""
            {"name": "{{name}}", "skills": {"{{skill}}": 90}, "homeBase": {"lat": {{Lat + 0.01}}, "lon": {{Lon}} }, "capacity": 1}
            """));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        using var engineer = await fixture.App.ClientAsAsync("engineer", id);
        await PostOkAsync(engineer, $"/api/engineers/{id}/status", """{"status":"Available"}""");
        var position = JsonSerializer.Serialize(new { lat = Lat + 0.01, lon = Lon, at = DateTimeOffset.UtcNow, accuracy = 8.0 });
        await PostOkAsync(engineer, $"/api/engineers/{id}/position", position);
    }

    private async Task<(string Id, string Link)> TicketAsync(string customer, string skill)
    {
        using var intake = await fixture.App.ClientAsAsync("intake");
        var response = await intake.PostAsync("/api/tickets", Json($$"""
            {"customerId": "{{customer}}", "title": "Chiller not cooling", "serviceType": "maintenance", "priority": "P2",
             "location": {"lat": {{Lat}}, "lon": {{Lon}}}, "requiredSkills": ["{{skill}}"], "channel": "web"}
            """));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var ticket = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (ticket.GetProperty("id").GetString()!, ticket.GetProperty("customerLink").GetString()!);
    }
}
