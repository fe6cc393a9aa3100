using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.WebPush;

/// <summary>
/// New offers reach an engineer's subscribed phones by Web Push through a real (local) push service, which checks the
/// VAPID signature and decrypts the payload with the phone's key; a subscription the push service says is gone is removed.
/// </summary>
public sealed class OfferWebPushTests(WebPushFixture fixture) : IClassFixture<WebPushFixture>
{
    // Inside the sample city's Riverside district.
    private const double Lat = 31.198;
    private const double Lon = 121.4765;

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task An_offer_and_a_forced_assignment_are_pushed_to_the_engineers_phones_and_a_gone_subscription_is_removed()
    {
        using var anyone = await fixture.App.ClientAsAsync("engineer", NewId("eng-any"));
        var key = await anyone.GetFromJsonAsync<JsonElement>("/api/field/push");
        Assert.False(string.IsNullOrEmpty(key.GetProperty("publicKey").GetString()));

        var skill = NewId("s");
        var engineerId = NewId("eng-push");
        await EngineerAsync(engineerId, skill);
        using var phone = fixture.PushService.NewPhone();
        using var gonePhone = fixture.PushService.NewPhone(gone: true);
        using var engineer = await fixture.App.ClientAsAsync("engineer", engineerId);
        Assert.Equal(HttpStatusCode.NoContent, (await engineer.PutAsJsonAsync($"/api/engineers/{engineerId}/push-subscription", phone.Json())).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await engineer.PutAsJsonAsync($"/api/engineers/{engineerId}/push-subscription", gonePhone.Json())).StatusCode);

        var offered = await TicketAsync(skill);
        var message = await Eventually.Until(() => Task.FromResult(phone.Messages.ToList()), m => m.Count >= 1, Patience, "the offer's push");
        Assert.Equal(offered, message[0].GetProperty("ticketId").GetString());
        Assert.Equal("New job offer", message[0].GetProperty("title").GetString());
        Assert.Contains("No cooling", message[0].GetProperty("body").GetString());
        Assert.Empty(fixture.PushService.Refusals);
        await Eventually.Until(() => fixture.Database.QueryScalarAsync<long>(
                $"SELECT count(*) FROM engineer_push_subscriptions WHERE endpoint = '{gonePhone.Endpoint}'"),
            n => n == 0, Patience, "the gone subscription removed");
        Assert.Equal(1, gonePhone.GoneAnswers);
        Assert.Equal(1L, await fixture.Database.QueryScalarAsync<long>($"SELECT count(*) FROM engineer_push_subscriptions WHERE engineer_id = '{engineerId}'"));

        // A dispatcher's forced assignment to an engineer the engine would not choose (no skill) is pushed as well.
        var forcedId = NewId("eng-forced");
        await EngineerAsync(forcedId, NewId("other"));
        using var forcedPhone = fixture.PushService.NewPhone();
        using (var forced = await fixture.App.ClientAsAsync("engineer", forcedId))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await forced.PutAsJsonAsync($"/api/engineers/{forcedId}/push-subscription", forcedPhone.Json())).StatusCode);
        }
        var second = await TicketAsync(NewId("nobody-has-it"));
        using var dispatcher = await fixture.App.ClientAsAsync("dispatcher");
        var assign = await dispatcher.PostAsync($"/api/tickets/{second}/assign", Json($$"""{"engineerId":"{{forcedId}}","reason":"knows the site"}"""));
        Assert.True(assign.IsSuccessStatusCode, await assign.Content.ReadAsStringAsync());
        var forcedMessage = await Eventually.Until(() => Task.FromResult(forcedPhone.Messages.ToList()), m => m.Count >= 1, Patience, "the forced assignment's push");
        Assert.Equal(second, forcedMessage[0].GetProperty("ticketId").GetString());
        Assert.Empty(fixture.PushService.Refusals);
    }

    [Fact]
    public async Task A_subscription_is_only_the_engineers_own_and_bad_keys_are_refused_naming_the_field()
    {
        var engineerId = NewId("eng-sub");
        using var phone = fixture.PushService.NewPhone();
        using var stranger = await fixture.App.ClientAsAsync("engineer", NewId("eng-other"));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PutAsJsonAsync($"/api/engineers/{engineerId}/push-subscription", phone.Json())).StatusCode);

        using var engineer = await fixture.App.ClientAsAsync("engineer", engineerId);
        var bad = await engineer.PutAsync($"/api/engineers/{engineerId}/push-subscription",
            Json("""{"endpoint": "ftp://push.example/x", "keys": {"p256dh": "AAAA", "auth": "not base64!"}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("endpoint", out _));
        Assert.True(errors.TryGetProperty("keys.p256dh", out _));
        Assert.True(errors.TryGetProperty("keys.auth", out _));
        Assert.Equal(0L, await fixture.Database.QueryScalarAsync<long>($"SELECT count(*) FROM engineer_push_subscriptions WHERE engineer_id = '{engineerId}'"));

        Assert.Equal(HttpStatusCode.NoContent, (await engineer.PutAsJsonAsync($"/api/engineers/{engineerId}/push-subscription", phone.Json())).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await engineer.DeleteAsync($"/api/engineers/{engineerId}/push-subscription?endpoint={Uri.EscapeDataString(phone.Endpoint.ToString())}")).StatusCode);
        Assert.Equal(0L, await fixture.Database.QueryScalarAsync<long>($"SELECT count(*) FROM engineer_push_subscriptions WHERE engineer_id = '{engineerId}'"));
    }

    private static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task EngineerAsync(string id, string skill)
    {
        using var admin = await fixture.App.ClientAsAsync("admin");
        await admin.AddSkillAsync(skill);
        var put = await admin.PutAsync($"/api/engineers/{id}", Json($$"""
            {"name": "Engineer {{id}}", "skills": {"{{skill}}": 90}, "homeBase": {"lat": {{Lat + 0.01}}, "lon": {{Lon}} }, "capacity": 1}
            """));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        using var engineer = await fixture.App.ClientAsAsync("engineer", id);
        Assert.Equal(HttpStatusCode.OK, (await engineer.PostAsync($"/api/engineers/{id}/status", Json("""{"status":"Available"}"""))).StatusCode);
        var position = JsonSerializer.Serialize(new { lat = Lat + 0.01, lon = Lon, at = DateTimeOffset.UtcNow, accuracy = 8.0 });
        Assert.Equal(HttpStatusCode.OK, (await engineer.PostAsync($"/api/engineers/{id}/position", Json(position))).StatusCode);
    }

    private async Task<string> TicketAsync(string skill)
    {
        using var admin = await fixture.App.ClientAsAsync("admin");
        await admin.AddSkillAsync(skill);
        using var intake = await fixture.App.ClientAsAsync("intake");
        var customer = NewId("cust");
        using (var dispatcher = await fixture.App.ClientAsAsync("dispatcher"))
        {
            (await dispatcher.PutAsync($"/api/customers/{customer}", Json("""{"name": "Push Co", "tier": "standard", "sites": []}"""))).EnsureSuccessStatusCode();
        }
        var response = await intake.PostAsync("/api/tickets", Json($$"""
            {"customerId": "{{customer}}", "title": "No cooling", "serviceType": "repair", "priority": "P2",
             "location": {"lat": {{Lat}}, "lon": {{Lon}}}, "requiredSkills": ["{{skill}}"], "channel": "web"}
            """));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
