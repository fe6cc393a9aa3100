using Dispatch.Domain.Geo;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Common;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Tickets;
using Dispatch.Testing;

namespace Dispatch.Grains.Tests.Tickets;

/// <summary>
/// Intake asks the customer once: the customer keeps the ticket and answers its terms in the same call. Only a
/// ticket that opened stays in the customer's history.
/// </summary>
public sealed class TicketIntakeCustomerTests(TicketClusterFixture cluster) : IClassFixture<TicketClusterFixture>
{
    private static readonly Actor Intake = new("intake-test", "intake");

    private static OpenTicket Request(string customerId, string serviceType = "repair") =>
        new(customerId, "Boiler broken", "no hot water", serviceType, Priority.P3, new Position(31.23, 121.47), ["boiler"], "phone", null);

    [Fact]
    public async Task An_opened_ticket_is_in_its_customers_history_after_one_call_to_the_customer()
    {
        var customerId = await cluster.CustomerAsync();
        var customer = cluster.Grains.GetGrain<ICustomerGrain>(customerId);
        var id = TicketIds.New();

        var reply = await cluster.Grains.GetGrain<ITicketGrain>(id).Open(Request(customerId), Intake);

        Assert.Null(reply.Refusal);
        Assert.Equal("test-short", reply.Ticket!.SlaPolicyId); // the terms came back: the customer's tier picked the policy
        var kept = Assert.Single((await customer.GetOverview())!.OpenTickets);
        Assert.Equal((id, reply.Ticket.Status, reply.Ticket.CreatedAt), (kept.TicketId, kept.Status, kept.OpenedAt));
        Assert.Equal([nameof(ICustomerGrain.Register), nameof(ICustomerGrain.OpenTicket), nameof(ICustomerGrain.GetOverview)], cluster.Calls.On(customerId));
    }

    [Fact]
    public async Task An_intake_refused_for_its_input_is_not_kept_by_the_customer()
    {
        var customerId = await cluster.CustomerAsync();

        var reply = await cluster.Grains.GetGrain<ITicketGrain>(TicketIds.New()).Open(Request(customerId, serviceType: "no-such-service"), Intake);

        Assert.Equal("serviceType", reply.Refusal?.Field);
        Assert.Empty((await cluster.Grains.GetGrain<ICustomerGrain>(customerId).GetOverview())!.OpenTickets);
    }

    [Fact]
    public async Task An_intake_for_an_unknown_customer_keeps_nothing_and_opens_nothing()
    {
        var customerId = "c-unknown-" + Guid.NewGuid().ToString("N")[..8];
        var ticket = cluster.Grains.GetGrain<ITicketGrain>(TicketIds.New());

        var reply = await ticket.Open(Request(customerId), Intake);

        Assert.Equal("customerId", reply.Refusal?.Field);
        Assert.Null(await ticket.GetView());
        Assert.Null(await cluster.Grains.GetGrain<ICustomerGrain>(customerId).GetOverview());
    }

    [Fact]
    public async Task An_intake_the_store_refuses_is_withdrawn_from_the_customer_and_a_retry_keeps_it_once()
    {
        var customerId = await cluster.CustomerAsync();
        var customer = cluster.Grains.GetGrain<ICustomerGrain>(customerId);
        var id = TicketIds.New();
        var ticket = cluster.Grains.GetGrain<ITicketGrain>(id);

        await using (await StoreRefusal.RefuseAsync(cluster.Database, "ticket"))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => ticket.Open(Request(customerId), Intake));
        }

        // The withdrawal is one way: the customer forgets the opening soon after the intake failed.
        await Eventually.Until(() => customer.GetOverview(), o => o!.OpenTickets.Count == 0, what: "the failed opening withdrawn");

        cluster.Clock.Advance(TimeSpan.FromSeconds(1));
        var retried = await RetriedAsync(() => ticket.Open(Request(customerId), Intake));

        Assert.Null(retried.Refusal);
        Assert.Equal(id, Assert.Single((await customer.GetOverview())!.OpenTickets).TicketId);
    }

    /// <summary>A client told of a failure tries again, as long as the failed activation is still being dropped.</summary>
    private static async Task<T> RetriedAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }

    [Fact]
    public async Task A_late_withdrawal_of_an_earlier_opening_leaves_the_ticket_that_opened()
    {
        var customerId = await cluster.CustomerAsync();
        var customer = cluster.Grains.GetGrain<ICustomerGrain>(customerId);
        var (_, opened) = await cluster.OpenAsync(customerId);

        await customer.WithdrawTicket(opened.Id, opened.CreatedAt.AddSeconds(-1));

        Assert.Equal(opened.Id, Assert.Single((await customer.GetOverview())!.OpenTickets).TicketId);
    }
}
