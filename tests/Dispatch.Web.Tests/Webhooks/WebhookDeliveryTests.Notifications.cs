using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Grains.Notifications;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Webhooks;

/// <summary>
/// A notification addressed to a person is an event of the log (the person's stream) and a webhook type an SMS or
/// chat gateway subscribes to: it carries the person, one line of plain text, the ticket's link and the level.
/// </summary>
public sealed partial class WebhookDeliveryTests
{
    [Fact]
    public async Task A_notification_to_a_person_reaches_a_gateway_subscribed_to_notification_sent_with_the_person_text_link_and_level()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (person, role) = ("gateway-" + tag, "on-call-" + tag);
        var endpoint = fixture.Receiver.Endpoint();
        var (_, secret) = await fixture.SubscribeAsync(endpoint, "\"notification.sent\"");
        var customer = await fixture.CustomerAsync();
        var ticketId = await fixture.OpenConsultationAsync(customer);
        using (var admin = await fixture.App.ClientAsAsync("admin"))
        {
            (await admin.PutAsync($"/api/admin/rotas/any/{role}", Json($$"""
                {"timeZone": "Asia/Shanghai", "shifts": [{"userName": "{{person}}", "email": "{{person}}@mail.test",
                  "days": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], "from": "00:00", "to": "00:00"}]}
                """))).EnsureSuccessStatusCode();
        }

        // The alert as a ticket's SLA step raises it: its level tells the person on duty for the role.
        var alertId = $"{ticketId}:response";
        await fixture.App.Services.GetRequiredService<IClusterClient>().GetGrain<IAlertGrain>(alertId)
            .Raise(new AlertRaise(alertId, ticketId, customer, null, "escalation", 2, [role], [], "Chiller down: response escalated", DateTimeOffset.UtcNow));

        var message = (await fixture.UntilAsync(() => Task.FromResult(endpoint.Accepted.ToList()), m => m.Count >= 1, "the notification's webhook")).Single();
        new StandardWebhook(secret).Verify(message.Body, message.Headers);
        Assert.Equal("notification.sent", message.Type);
        var data = message.Json.GetProperty("data");
        Assert.Equal(($"person:{person}", ticketId, customer), (data.GetProperty("stream").GetString(), data.GetProperty("ticketId").GetString(), data.GetProperty("customerId").GetString()));
        // The ticket's region, as the router knows it, so that a region filter applies to the notification.
        var region = await fixture.Database.QueryScalarAsync<string>($"SELECT coalesce(region, '') FROM webhook_tickets WHERE ticket_id = '{ticketId}'");
        Assert.Equal(region, data.TryGetProperty("region", out var sentRegion) ? sentRegion.GetString() : "");
        var sent = data.GetProperty("event");
        Assert.Equal(person, sent.GetProperty("userName").GetString());
        Assert.Equal(role, sent.GetProperty("role").GetString());
        Assert.Equal(2, sent.GetProperty("level").GetInt32());
        Assert.Equal(alertId, sent.GetProperty("alertId").GetString());
        Assert.Equal("[Dispatch] escalation (level 2): Chiller down: response escalated", sent.GetProperty("text").GetString());
        Assert.EndsWith($"#ticket={ticketId}", sent.GetProperty("link").GetString(), StringComparison.Ordinal);

        // The same notification, as the person's inbox holds it, and once in the event log.
        using var personClient = fixture.App.CreateClient();
        var token = (await (await personClient.PostAsJsonAsync("/api/dev/token", new { role = "supervisor", name = person })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        personClient.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var inbox = (await personClient.GetFromJsonAsync<List<PersonNotification>>("/api/inbox"))!;
        Assert.Equal(sent.GetProperty("notificationId").GetString(), Assert.Single(inbox).Id);
        Assert.Equal(1, await fixture.Database.QueryScalarAsync<long>(
            $"SELECT count(*) FROM dispatch_events WHERE stream = 'person:{person}' AND type = 'notification.sent'"));
    }
}
