namespace Dispatch.Web.Tests.Webhooks;

/// <summary>What was routed but not delivered when the silo stopped is delivered, in order, by the next silo.</summary>
public sealed class WebhookRestartTests(WebhookFixture fixture) : IClassFixture<WebhookFixture>
{
    [Fact]
    public async Task Nothing_is_lost_across_a_silo_restart()
    {
        var endpoint = fixture.Receiver.Endpoint();
        endpoint.Answer = (_, _) => Task.FromResult(503);
        await fixture.SubscribeAsync(endpoint, "\"ticket.created\", \"ticket.resolved\", \"ticket.closed\"");
        var customer = await fixture.CustomerAsync();
        var tickets = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            tickets.Add(await fixture.OpenConsultationAsync(customer));
        }
        await Task.WhenAll(tickets.Select(fixture.FinishAsync));
        await fixture.UntilAsync(() => Task.FromResult(endpoint.Attempts.Select(m => m.TicketId).Distinct().Count()), n => n == 3,
            "each ticket's first message attempted");

        await fixture.RestartSiloAsync(whileStopped: () =>
        {
            endpoint.Answer = (_, _) => Task.FromResult(200);
            return Task.CompletedTask;
        });
        await fixture.UntilAsync(() =>
        {
            fixture.Clock.Advance(TimeSpan.FromSeconds(4));
            return Task.FromResult(endpoint.Accepted.Count);
        }, n => n >= 9, "all nine messages");

        foreach (var ticket in tickets)
        {
            Assert.Equal(["ticket.created", "ticket.resolved", "ticket.closed"],
                endpoint.Accepted.Where(m => m.TicketId == ticket).Select(m => m.Type).Distinct());
            var sequences = endpoint.Accepted.Where(m => m.TicketId == ticket).Select(m => m.Sequence).ToList();
            Assert.Equal(sequences.Order(), sequences);
        }
        Assert.Equal(9, endpoint.Accepted.Select(m => m.Id).Distinct().Count());
    }
}
