using Dispatch.Domain.Tickets;
using Dispatch.Grains.Common;
using Dispatch.Testing;

namespace Dispatch.Grains.Tests.Tickets;

/// <summary>A ticket woken by its reminder with nothing due moves the reminder on and costs no write of the ticket.</summary>
public sealed class TicketWakeTests(TicketClusterFixture cluster) : IClassFixture<TicketClusterFixture>
{
    [Fact]
    public async Task A_reminder_wake_with_nothing_due_moves_the_reminder_without_a_write()
    {
        var opened = cluster.Clock.GetUtcNow();
        var (ticket, view) = await cluster.OpenAsync();
        // Dispatching, the ticket set its reminder for the region's retry, seconds away. The offer's expiry comes later, so
        // the reminder is left where it is: it wakes the ticket early, which then finds nothing due yet.
        var offered = (await ticket.RecordOffer("eng-wake", Actor.System, opened + TimeSpan.FromMinutes(2), [])).Refusal;
        Assert.Null(offered);
        var version = $"SELECT version FROM orleans_grain_state WHERE grain_type = 'ticket' AND grain_id_ext = '{view.Id}'";
        var reminder = $"SELECT start_time FROM orleans_reminder WHERE grain_id = 'ticket/{view.Id}'";
        var stored = await cluster.Database.QueryScalarAsync<int>(version);
        var wakesAt = await cluster.Database.QueryScalarAsync<DateTime>(reminder);
        var before = (await ticket.GetView())!;

        cluster.Clock.Advance(TimeSpan.FromMinutes(1));
        await ticket.AsReference<IRemindable>().ReceiveReminder("sla", new TickStatus(wakesAt, TimeSpan.FromMinutes(1), wakesAt));

        // The reminder moved on to the offer's expiry; the ticket itself did not change, so it was not written.
        Assert.True(await cluster.Database.QueryScalarAsync<DateTime>(reminder) > wakesAt);
        Assert.Equal(stored, await cluster.Database.QueryScalarAsync<int>(version));
        var after = (await ticket.GetView())!;
        Assert.Equal(TicketStatus.Offered, after.Status);
        Assert.Equal(before.Timeline.Count, after.Timeline.Count);

        // What is due then still fires, and is stored with its events.
        cluster.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await Eventually.Until(async () => (await ticket.GetView())!, t => t.Status != TicketStatus.Offered, TimeSpan.FromSeconds(30), "the offer to expire");
        Assert.True(await cluster.Database.QueryScalarAsync<int>(version) > stored);
    }
}
