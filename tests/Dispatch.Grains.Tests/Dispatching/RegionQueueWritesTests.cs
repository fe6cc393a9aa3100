using Dispatch.Domain.Tickets;
using Dispatch.Grains.Dispatching;
using Dispatch.Grains.Tickets;
using Dispatch.Testing;
using static Dispatch.Grains.Tests.Dispatching.DispatchClusterFixture;

namespace Dispatch.Grains.Tests.Dispatching;

/// <summary>
/// What a region writes of its queue: only tickets that wait. A silo of its own, so that no other test's waiting
/// tickets write the queue meanwhile.
/// </summary>
public sealed class RegionQueueWritesTests(DispatchClusterFixture cluster) : IClassFixture<DispatchClusterFixture>
{
    private const string StoredQueue = "SELECT coalesce(max(version), 0) FROM orleans_grain_state WHERE grain_type = 'region-queue'";

    [Fact]
    public async Task A_ticket_offered_at_once_costs_the_queue_no_write_and_one_that_waits_is_stored_and_taken_out()
    {
        var skill = $"s-{Guid.NewGuid():N}"[..12];
        await cluster.EngineerAsync($"e-{skill}", Riverside, 1, skill);

        // Without moving the fake clock: the region stores a request its first look has not offered within seconds.
        var offeredAtOnce = await cluster.TicketAsync(Riverside, skill);
        await Eventually.Until(offeredAtOnce.GetView, t => t!.Status == TicketStatus.Offered, TimeSpan.FromSeconds(60), "the offer");
        Assert.Equal(0, await cluster.Database.QueryScalarAsync<int>(StoredQueue));

        var rare = $"r-{Guid.NewGuid():N}"[..12];
        var waiting = await cluster.TicketAsync(Riverside, rare);
        var region = cluster.Grains.GetGrain<IRegionDispatcherGrain>("riverside");
        await Eventually.Until(region.GetView, r => r.Queue.Any(q => q.TicketId == waiting.GetPrimaryKeyString()),
            TimeSpan.FromSeconds(60), "the ticket nobody can take to queue");
        var stored = await Eventually.Until(() => cluster.Database.QueryScalarAsync<int>(StoredQueue), v => v > 0,
            TimeSpan.FromSeconds(60), "the queue to be stored");

        await cluster.EngineerAsync($"e-{rare}", Riverside, 1, rare);
        await cluster.TicketUntilAsync(waiting, t => t.Status == TicketStatus.Offered, "the waiting ticket's offer");
        await Eventually.Until(() => cluster.Database.QueryScalarAsync<int>(StoredQueue), v => v > stored,
            TimeSpan.FromSeconds(60), "the offered ticket to be taken out of the stored queue");
    }
}
