using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Silo.Webhooks;
using Npgsql;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Webhooks;

/// <summary>
/// How routing and delivery batch their work: the router reads and asks the grains outside its transaction (so two
/// routers may read the same events), and a deliverer sends a ticket's queued messages one after another in one pass.
/// </summary>
public sealed class WebhookPassTests(WebhookFixture fixture) : IClassFixture<WebhookFixture>
{
    [Fact]
    public async Task A_second_router_racing_the_silos_routes_no_event_twice()
    {
        var endpoint = fixture.Receiver.Endpoint();
        var (id, _) = await fixture.SubscribeAsync(endpoint, "\"ticket.created\", \"ticket.resolved\", \"ticket.closed\"");
        await using var dataSource = NpgsqlDataSource.Create(fixture.Database.ConnectionString);
        // Another silo's router: without grains, on the same log, checkpoint and lock.
        var rival = new WebhookRouter(dataSource, TimeProvider.System, new WebhookSignal());
        using var stop = new CancellationTokenSource();
        var racing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (await rival.RouteOnceAsync(CancellationToken.None) == 0)
                {
                    await Task.Delay(10, CancellationToken.None);
                }
            }
        });
        var customer = await fixture.CustomerAsync();
        var tickets = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            tickets.Add(await fixture.OpenConsultationAsync(customer));
        }
        await Task.WhenAll(tickets.Select(fixture.FinishAsync));
        await fixture.UntilAsync(() => Task.FromResult(endpoint.Accepted.Select(m => m.Id).Distinct().Count()), n => n >= 18, "18 messages");
        await stop.CancelAsync();
        await racing;

        var routedTwice = await fixture.Database.QueryScalarAsync<long>($"""
            SELECT count(*) FROM (
                SELECT 1 FROM webhook_messages m JOIN webhook_subscriptions s ON s.number = m.subscription
                 WHERE s.id = '{id}'
                 GROUP BY m.ordering_key, (m.payload::jsonb -> 'data' ->> 'sequence')
                HAVING count(*) > 1) AS twice
            """);
        Assert.Equal(0, routedTwice);
        foreach (var ticket in tickets)
        {
            var mine = endpoint.Accepted.Where(m => m.TicketId == ticket).DistinctBy(m => m.Id).ToList();
            Assert.Equal(["ticket.created", "ticket.resolved", "ticket.closed"], mine.Select(m => m.Type));
        }
        Assert.Equal(18, endpoint.Accepted.Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_replayed_message_goes_out_first_and_the_next_one_of_its_ticket_keeps_its_backoff()
    {
        var endpoint = fixture.Receiver.Endpoint();
        var failing = true;
        // Everything fails until the first message is dead and the next one was tried.
        endpoint.Answer = (message, _) => Task.FromResult(!failing ? 200 : message.Type == "ticket.created" ? 503 : 500);
        var (id, _) = await fixture.SubscribeAsync(endpoint, "\"ticket.created\", \"ticket.resolved\", \"ticket.closed\"");
        var ticket = await fixture.OpenConsultationAsync(await fixture.CustomerAsync());
        await fixture.FinishAsync(ticket);
        var dead = await fixture.UntilAsync(() =>
        {
            fixture.Clock.Advance(TimeSpan.FromHours(1));
            return fixture.GetAsync($"/api/webhooks/subscriptions/{id}/dead-letters");
        }, body => body.GetProperty("items").GetArrayLength() == 1, "the dead letter");
        var letter = dead.GetProperty("items")[0].GetProperty("messageId").GetString()!;
        // From now on the clock stands still: once ticket.resolved's failed attempt is recorded with a retry still to come,
        // nothing of this ticket is due.
        var now = fixture.Clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await fixture.UntilAsync(() => fixture.Database.QueryScalarAsync<long>($"""
                SELECT count(*) FROM webhook_messages m JOIN webhook_subscriptions s ON s.number = m.subscription
                 WHERE s.id = '{id}' AND m.event_type = 'ticket.resolved' AND m.state = 'pending' AND m.attempts >= 1
                   AND m.next_attempt_at > '{now}'::timestamptz
                """), n => n == 1, "ticket.resolved tried and waiting for its retry");
        var resolvedTried = endpoint.Attempts.Count(m => m.Type == "ticket.resolved");

        failing = false;
        using var admin = await fixture.App.ClientAsAsync("admin");
        (await admin.PostAsync($"/api/webhooks/subscriptions/{id}/dead-letters/replay", Json("{}"))).EnsureSuccessStatusCode();
        await fixture.UntilAsync(() => fixture.Database.QueryScalarAsync<string>(
                $"SELECT state FROM webhook_messages WHERE id = {long.Parse(letter["msg_".Length..], System.Globalization.CultureInfo.InvariantCulture)}"),
            state => state == "delivered", "the replayed message recorded as delivered");

        // The pass that sent the replayed message did not send ticket.resolved after it: its retry is not due yet.
        Assert.Equal(resolvedTried, endpoint.Attempts.Count(m => m.Type == "ticket.resolved"));
        Assert.Equal(["ticket.created"], endpoint.Accepted.Select(m => m.Type));
        await fixture.UntilAsync(() =>
        {
            fixture.Clock.Advance(TimeSpan.FromSeconds(4));
            return Task.FromResult(endpoint.Accepted.Count);
        }, n => n >= 3, "the ticket's later messages after their backoff");
        Assert.Equal(["ticket.created", "ticket.resolved", "ticket.closed"], endpoint.Accepted.Select(m => m.Type));
        Assert.Equal(letter, endpoint.Accepted.First().Id);
    }
}
