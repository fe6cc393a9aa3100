using System.Net.Http.Json;
using System.Text.Json;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Webhooks;

/// <summary>
/// Dead-lettering, on a fixture of its own: it moves the webhook clock a day ahead, and the signatures other tests check
/// carry that clock's time while the independent verifier allows five minutes from the real one.
/// </summary>
public sealed class WebhookDeadLetterTests(WebhookFixture fixture) : IClassFixture<WebhookFixture>
{
    [Fact]
    public async Task A_dead_receiver_goes_to_the_dead_letter_list_after_24_hours_and_replays()
    {
        var endpoint = fixture.Receiver.Endpoint();
        endpoint.Answer = (_, _) => Task.FromResult(503);
        var (id, _) = await fixture.SubscribeAsync(endpoint, "\"ticket.created\"");
        var ticket = await fixture.OpenConsultationAsync(await fixture.CustomerAsync());
        await fixture.UntilAsync(() => Task.FromResult(endpoint.Attempts.Count), n => n >= 1, "the first attempt");

        var dead = await fixture.UntilAsync(() =>
        {
            fixture.Clock.Advance(TimeSpan.FromHours(1));
            return fixture.GetAsync($"/api/webhooks/subscriptions/{id}/dead-letters");
        }, body => body.GetProperty("items").GetArrayLength() == 1, "the dead letter");
        var letter = dead.GetProperty("items")[0];
        Assert.Equal(503, letter.GetProperty("lastStatus").GetInt32());
        Assert.True(letter.GetProperty("attempts").GetInt32() >= 2);
        var attemptsWhenDead = endpoint.Attempts.Count;
        Assert.Empty(endpoint.Accepted);

        endpoint.Answer = (_, _) => Task.FromResult(200);
        using var admin = await fixture.App.ClientAsAsync("admin");
        var replay = await admin.PostAsync($"/api/webhooks/subscriptions/{id}/dead-letters/replay",
            Json($$"""{"messageIds": ["{{letter.GetProperty("messageId").GetString()}}"]}"""));
        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());
        await fixture.UntilAsync(() => Task.FromResult(endpoint.Accepted.Count), n => n == 1, "the replayed delivery");
        Assert.Equal(ticket, endpoint.Accepted.Single().TicketId);
        Assert.Equal(letter.GetProperty("messageId").GetString(), endpoint.Accepted.Single().Id);
        Assert.Equal(attemptsWhenDead + 1, endpoint.Attempts.Count);
        Assert.Equal(0, (await fixture.GetAsync($"/api/webhooks/subscriptions/{id}/dead-letters")).GetProperty("items").GetArrayLength());
    }
}
