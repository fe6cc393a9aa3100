using Dispatch.Domain.Geo;
using Dispatch.Domain.Sla;
using Dispatch.Grains.Common;
using Dispatch.Grains.Tickets;
using Dispatch.Testing;

namespace Dispatch.Grains.Tests.Tickets;

/// <summary>The event log holds a ticket's event exactly when the ticket's stored state includes its change.</summary>
public sealed class TicketEventLogTests(TicketClusterFixture cluster) : IClassFixture<TicketClusterFixture>
{
    private static readonly Actor Dispatcher = new("dana", "dispatcher");

    [Fact]
    public async Task An_intake_the_store_refuses_leaves_neither_a_ticket_nor_an_event()
    {
        var customer = await cluster.CustomerAsync();
        var id = TicketIds.New();
        var ticket = cluster.Grains.GetGrain<ITicketGrain>(id);

        await using (await StoreRefusal.RefuseAsync(cluster.Database, "ticket"))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => ticket.Open(new OpenTicket(customer, "Boiler broken", "no hot water", "repair", Priority.P3,
                new Position(31.23, 121.47), ["boiler"], "phone", null), new Actor("intake-test", "intake")));
        }

        Assert.Null(await ViewOnceRecoveredAsync(ticket));
        Assert.Equal(0L, await CountAsync(id));
    }

    [Fact]
    public async Task A_priority_change_the_store_refuses_is_not_in_the_log_and_the_next_one_follows_without_a_gap()
    {
        var (ticket, opened) = await cluster.OpenAsync(priority: Priority.P4);
        var before = await CountAsync(opened.Id);

        await using (await StoreRefusal.RefuseAsync(cluster.Database, "ticket"))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => ticket.ChangePriority(Priority.P3, Dispatcher, "customer called again"));
        }

        Assert.Equal(Priority.P4, (await ViewOnceRecoveredAsync(ticket))!.Priority); // a new activation, read from storage
        Assert.Equal(before, await CountAsync(opened.Id));
        Assert.Equal(0L, await CountAsync(opened.Id, "ticket.priority-changed"));

        Assert.Null((await ticket.ChangePriority(Priority.P2, Dispatcher, "customer called again")).Refusal);
        var changed = await cluster.Database.QueryScalarAsync<string>(
            $"SELECT data->'details'->>'from' || '>' || (data->'details'->>'to') FROM dispatch_events WHERE stream = 'ticket:{opened.Id}' AND type = 'ticket.priority-changed'");
        Assert.Equal("P4>P2", changed);
        var view = (await ticket.GetView())!;
        Assert.Equal(view.Timeline.Count, await CountAsync(opened.Id));
        Assert.Equal(view.Timeline.Count, await cluster.Database.QueryScalarAsync<long>(
            $"SELECT max(sequence) FROM dispatch_events WHERE stream = 'ticket:{opened.Id}'"));
    }

    [Fact]
    public async Task An_event_the_log_cannot_hold_is_quarantined_and_costs_no_other_event()
    {
        var tickets = new List<(ITicketGrain Grain, string Id)>();
        for (var i = 0; i < 6; i++)
        {
            var (grain, view) = await cluster.OpenAsync(priority: Priority.P4);
            tickets.Add((grain, view.Id));
        }
        var poisoned = tickets[0];

        // Sent together, so that the writes share the group commit's batches.
        await Task.WhenAll(tickets.Select(t => t.Grain.ChangePriority(Priority.P3, Dispatcher, t == poisoned ? "bad\0reason" : "customer called again")));

        foreach (var (grain, id) in tickets)
        {
            Assert.Equal(Priority.P3, (await grain.GetView())!.Priority);
            Assert.Equal(id == poisoned.Id ? 0L : 1L, await CountAsync(id, "ticket.priority-changed"));
        }
        var reason = await cluster.Database.QueryScalarAsync<string>(
            $"SELECT reason FROM dispatch_event_quarantine WHERE stream = 'ticket:{poisoned.Id}' AND type = 'ticket.priority-changed'");
        Assert.Contains("U+0000", reason, StringComparison.Ordinal);

        // The poisoned ticket's trail goes on: its next change is in the log.
        Assert.Null((await poisoned.Grain.Cancel(Dispatcher, "duplicate of another ticket")).Refusal);
        Assert.Equal(1L, await CountAsync(poisoned.Id, "ticket.cancelled"));
    }

    /// <summary>
    /// The ticket as stored: the failed call dropped its activation, and calls that reach it while it is still
    /// going are refused with the same error, so this asks until a fresh activation answers.
    /// </summary>
    private static async Task<TicketView?> ViewOnceRecoveredAsync(ITicketGrain ticket)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ticket.GetView();
            }
            catch (Exception) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }

    private Task<long> CountAsync(string ticketId, string? type = null) => cluster.Database.QueryScalarAsync<long>(
        $"SELECT count(*) FROM dispatch_events WHERE stream = 'ticket:{ticketId}'" + (type is null ? "" : $" AND type = '{type}'"));
}
