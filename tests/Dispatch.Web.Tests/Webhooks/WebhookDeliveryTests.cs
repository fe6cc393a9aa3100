using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Webhooks;

/// <summary>Webhooks end to end: the event log → the outbox → a real HTTP receiver, signed, in order, retried, dead-lettered.</summary>
public sealed partial class WebhookDeliveryTests(WebhookFixture fixture) : IClassFixture<WebhookFixture>
{
    private const string TicketEvents = "\"ticket.created\", \"ticket.resolved\", \"ticket.closed\"";

    [Fact]
    public async Task Every_message_verifies_with_the_independent_library_and_each_tickets_come_in_order()
    {
        var endpoint = fixture.Receiver.Endpoint();
        var (_, secret) = await fixture.SubscribeAsync(endpoint, TicketEvents);
        var customer = await fixture.CustomerAsync();
        var tickets = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            tickets.Add(await fixture.OpenConsultationAsync(customer));
        }
        await Task.WhenAll(tickets.Select(fixture.FinishAsync));

        await fixture.UntilAsync(() => Task.FromResult(endpoint.Accepted.Count), n => n >= 12, "12 messages");
        var verifier = new StandardWebhook(secret);
        foreach (var message in endpoint.Accepted)
        {
            verifier.Verify(message.Body, message.Headers);
            Assert.StartsWith("msg_", message.Id);
            Assert.Equal(customer, message.Json.GetProperty("data").GetProperty("customerId").GetString());
        }
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(Dispatch.Grains.Webhooks.WebhookSignature.NewSecret())
            .Verify(endpoint.Accepted.First().Body, endpoint.Accepted.First().Headers));
        foreach (var ticket in tickets)
        {
            var mine = endpoint.Accepted.Where(m => m.TicketId == ticket).ToList();
            Assert.Equal(["ticket.created", "ticket.resolved", "ticket.closed"], mine.Select(m => m.Type));
            Assert.True(mine.Select(m => m.Sequence).SequenceEqual(mine.Select(m => m.Sequence).Order()));
        }
        Assert.Equal(12, endpoint.Accepted.Count);
    }

    [Fact]
    public async Task After_500s_each_message_is_retried_with_backoff_and_a_tickets_later_messages_wait_for_it()
    {
        var endpoint = fixture.Receiver.Endpoint();
        // Every message's first attempt fails.
        endpoint.Answer = (message, _) => Task.FromResult(endpoint.AttemptsOf(message.Id) == 1 ? 500 : 204);
        var (id, _) = await fixture.SubscribeAsync(endpoint, TicketEvents);
        var customer = await fixture.CustomerAsync();
        var tickets = new[] { await fixture.OpenConsultationAsync(customer), await fixture.OpenConsultationAsync(customer) };
        await Task.WhenAll(tickets.Select(fixture.FinishAsync));

        await fixture.UntilAsync(() => Task.FromResult(endpoint.Attempts.Count), n => n >= 2, "first attempts");
        Assert.Empty(endpoint.Accepted);
        await fixture.UntilAsync(() =>
        {
            // Past the longest backoff a first or second retry can have (2 s, then 4 s, with jitter below them).
            fixture.Clock.Advance(TimeSpan.FromSeconds(4));
            return Task.FromResult(endpoint.Accepted.Count);
        }, n => n >= 6, "six messages after retries");

        foreach (var ticket in tickets)
        {
            var accepted = endpoint.Accepted.Where(m => m.TicketId == ticket).Select(m => m.Type).ToList();
            Assert.Equal(["ticket.created", "ticket.resolved", "ticket.closed"], accepted);
        }
        Assert.All(endpoint.Accepted, m => Assert.Equal(2, endpoint.AttemptsOf(m.Id)));
        var log = await fixture.GetAsync($"/api/webhooks/subscriptions/{id}/deliveries?limit=100");
        var attempts = log.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(12, attempts.Count);
        Assert.Equal(6, attempts.Count(a => a.GetProperty("statusCode").GetInt32() == 500 && a.GetProperty("attempt").GetInt32() == 1));
        Assert.Equal(6, attempts.Count(a => a.GetProperty("statusCode").GetInt32() == 204 && a.GetProperty("attempt").GetInt32() == 2));
        Assert.All(attempts, a => Assert.True(a.GetProperty("latencyMs").GetDouble() > 0));
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_is_retried_and_a_healthy_subscription_is_not_held_up()
    {
        var slow = fixture.Receiver.Endpoint();
        var release = new TaskCompletionSource();
        slow.Answer = async (message, aborted) =>
        {
            if (slow.AttemptsOf(message.Id) == 1)
            {
                // Never answers: the sender's timeout ends the request.
                await Task.Delay(Timeout.Infinite, aborted).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            return 200;
        };
        var healthy = fixture.Receiver.Endpoint();
        await fixture.SubscribeAsync(healthy, "\"ticket.created\"");
        var (slowId, _) = await fixture.SubscribeAsync(slow, "\"ticket.created\""); // the last: a timeout shows its messages
        var ticket = await fixture.OpenConsultationAsync(await fixture.CustomerAsync());

        await fixture.UntilAsync(() => Task.FromResult(healthy.Accepted.Count(m => m.TicketId == ticket)), n => n == 1, "the healthy delivery");
        var timedOut = await fixture.UntilAsync(() => fixture.GetAsync($"/api/webhooks/subscriptions/{slowId}/deliveries"),
            log => log.GetProperty("items").GetArrayLength() == 1, "the timed-out attempt");
        var attempt = timedOut.GetProperty("items")[0];
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("statusCode").ValueKind);
        Assert.Contains("no answer within 2 s", attempt.GetProperty("error").GetString());

        // The first retry is due 2 s (and its jitter) after the attempt. The clock moves a minute at most: the signatures
        // the class's other tests check carry this clock's time, and the checking library allows 5 minutes from the real
        // one, so a failure here must not run the clock away under them.
        var waitedFrom = fixture.Clock.GetUtcNow();
        await fixture.UntilAsync(() =>
        {
            if (fixture.Clock.GetUtcNow() - waitedFrom < TimeSpan.FromMinutes(1))
            {
                fixture.Clock.Advance(TimeSpan.FromSeconds(2));
            }
            return Task.FromResult(slow.Accepted.Count);
        }, n => n >= 1, "the retry");
        var retried = Assert.Single(slow.Accepted);
        Assert.Equal(ticket, retried.TicketId);
        Assert.Equal(2, slow.AttemptsOf(retried.Id));
    }

    [Fact]
    public async Task A_customer_filter_routes_only_that_customers_tickets()
    {
        var (filtered, everything) = (fixture.Receiver.Endpoint(), fixture.Receiver.Endpoint());
        var (mine, other) = (await fixture.CustomerAsync(), await fixture.CustomerAsync());
        var (filteredId, _) = await fixture.SubscribeAsync(filtered, "\"ticket.created\"", $$""", "customerId": "{{mine}}" """);
        await fixture.SubscribeAsync(everything, "\"ticket.created\"");
        var wanted = await fixture.OpenConsultationAsync(mine);
        var unwanted = await fixture.OpenConsultationAsync(other);

        await fixture.UntilAsync(() => Task.FromResult(everything.Accepted.Count), n => n == 2, "both tickets to the catch-all");
        await fixture.UntilAsync(() => Task.FromResult(filtered.Accepted.Count), n => n == 1, "the customer's ticket");
        Assert.Equal(wanted, filtered.Accepted.Single().TicketId);
        // The receiver has the message before the sender has recorded its answer, so the count is awaited too.
        var subscription = await fixture.UntilAsync(() => fixture.GetAsync($"/api/webhooks/subscriptions/{filteredId}"),
            s => s.GetProperty("delivered").GetInt64() == 1, "the delivery recorded");
        Assert.Equal(0, subscription.GetProperty("pending").GetInt64());
        Assert.DoesNotContain(filtered.Attempts, m => m.TicketId == unwanted);
    }

    [Fact]
    public async Task During_a_rotation_both_secrets_sign_and_either_verifies()
    {
        var endpoint = fixture.Receiver.Endpoint();
        var (id, oldSecret) = await fixture.SubscribeAsync(endpoint, "\"ticket.created\"");
        using var admin = await fixture.App.ClientAsAsync("admin");
        var rotated = await admin.PostAsync($"/api/webhooks/subscriptions/{id}/rotate-secret", Json("""{"overlapHours": 2}"""));
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newSecret = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", newSecret);
        Assert.NotEqual(oldSecret, newSecret);

        await fixture.OpenConsultationAsync(await fixture.CustomerAsync());
        await fixture.UntilAsync(() => Task.FromResult(endpoint.Accepted.Count), n => n == 1, "the message");
        var message = endpoint.Accepted.Single();
        var signatures = message.Headers["webhook-signature"].ToString().Split(' ');
        Assert.Equal(2, signatures.Length);
        new StandardWebhook(newSecret).Verify(message.Body, message.Headers);
        // StandardWebhooks 1.1.2 compares only the first signature of the header, so each is shown to it alone.
        foreach (var (secret, signature) in new[] { (newSecret, signatures[0]), (oldSecret, signatures[1]) })
        {
            var alone = new HeaderDictionary(message.Headers.ToDictionary(h => h.Key, h => h.Value)) { ["webhook-signature"] = signature };
            new StandardWebhook(secret).Verify(message.Body, alone);
        }
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(oldSecret).Verify(message.Body,
            new HeaderDictionary(message.Headers.ToDictionary(h => h.Key, h => h.Value)) { ["webhook-signature"] = signatures[0] }));
    }

    [Fact]
    public async Task Admins_pause_resume_and_delete_subscriptions_and_bad_requests_name_the_field()
    {
        using var admin = await fixture.App.ClientAsAsync("admin");
        var bad = await admin.PostAsync("/api/webhooks/subscriptions",
            Json("""{"url": "ftp://example.com/x", "eventTypes": ["ticket.created", "ticket.exploded"], "region": "a b"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("url", out _));
        Assert.True(errors.TryGetProperty("eventTypes", out _));
        Assert.True(errors.TryGetProperty("region", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/webhooks/subscriptions", Json("""{"url": "http://127.0.0.1/x"}"""))).StatusCode);
        using var dispatcher = await fixture.App.ClientAsAsync("dispatcher");
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.GetAsync("/api/webhooks/subscriptions")).StatusCode);

        var endpoint = fixture.Receiver.Endpoint();
        var (id, _) = await fixture.SubscribeAsync(endpoint, "\"ticket.created\"");
        var listed = await fixture.GetAsync("/api/webhooks/subscriptions");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetString() == id);
        Assert.DoesNotContain("whsec_", listed.GetRawText());

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/webhooks/subscriptions/{id}/pause", null)).StatusCode);
        var ticket = await fixture.OpenConsultationAsync(await fixture.CustomerAsync());
        await fixture.UntilAsync(() => fixture.GetAsync($"/api/webhooks/subscriptions/{id}"), s => s.GetProperty("pending").GetInt64() == 1,
            "the message queued while paused");
        Assert.Empty(endpoint.Attempts);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/webhooks/subscriptions/{id}/resume", null)).StatusCode);
        await fixture.UntilAsync(() => Task.FromResult(endpoint.Accepted.Count), n => n == 1, "the message after resuming");
        Assert.Equal(ticket, endpoint.Accepted.Single().TicketId);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/webhooks/subscriptions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/webhooks/subscriptions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/webhooks/subscriptions/{id}/dead-letters")).StatusCode);
    }
}
