using Dispatch.Domain.Engineers;
using Dispatch.Domain.Geo;
using Dispatch.Grains.Common;
using Dispatch.Grains.Engineers;
using Dispatch.Grains.Tests.Tickets;
using Dispatch.Grains.Tickets;
using Dispatch.Testing;

namespace Dispatch.Grains.Tests.Engineers;

/// <summary>The event log holds an engineer's event exactly when the engineer's stored state includes its change.</summary>
public sealed class EngineerEventLogTests(TicketClusterFixture cluster) : IClassFixture<TicketClusterFixture>
{
    private static readonly Actor Admin = new("ann", "admin");

    [Fact]
    public async Task Each_change_is_one_event_in_the_engineers_stream_numbered_without_gaps()
    {
        var (engineer, id) = await RegisterAsync();
        Assert.Null((await engineer.SetPresence(ShownStatus.Available, new Actor(id, "engineer"))).Refusal);
        await engineer.Register(Profile(capacity: 2), Admin);
        await engineer.Register(Profile(capacity: 2), Admin); // the same again: nothing happened

        Assert.Equal(["engineer.registered", "engineer.shift-started", "engineer.capacity-changed"], await TypesAsync(id));
        Assert.Equal(3L, await cluster.Database.QueryScalarAsync<long>($"SELECT max(sequence) FROM dispatch_events WHERE stream = 'engineer:{id}'"));
        Assert.Equal("Available", await cluster.Database.QueryScalarAsync<string>(
            $"SELECT data->'engineer'->>'presence' FROM dispatch_events WHERE stream = 'engineer:{id}' AND sequence = 3"));
    }

    [Fact]
    public async Task A_shift_start_the_store_refuses_is_neither_stored_nor_logged_and_the_next_change_follows_without_a_gap()
    {
        var (engineer, id) = await RegisterAsync();

        await using (await StoreRefusal.RefuseAsync(cluster.Database, "engineer"))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => engineer.SetPresence(ShownStatus.Available, new Actor(id, "engineer")));
        }

        Assert.Equal(ShownStatus.Offline, (await ViewOnceRecoveredAsync(engineer))!.Status); // a new activation, read from storage
        Assert.Equal(["engineer.registered"], await TypesAsync(id));

        Assert.Null((await engineer.SetPresence(ShownStatus.OnBreak, new Actor(id, "engineer"))).Refusal);
        Assert.Equal(["engineer.registered", "engineer.shift-started"], await TypesAsync(id));
        Assert.Equal(2L, await cluster.Database.QueryScalarAsync<long>($"SELECT max(sequence) FROM dispatch_events WHERE stream = 'engineer:{id}'"));
        Assert.Equal(ShownStatus.OnBreak, (await engineer.GetView())!.Status);
    }

    [Fact]
    public async Task Position_reports_within_a_minute_are_logged_once_and_last_seen_follows_the_next_minute()
    {
        var (engineer, id) = await RegisterAsync();
        for (var i = 0; i < 6; i++)
        {
            var reply = await engineer.ReportPosition(new PositionReport(31.23 + i * 0.0001, 121.47, cluster.Clock.GetUtcNow(), 10));
            Assert.Equal(PositionOutcome.Accepted, reply.Outcome);
            cluster.Clock.Advance(TimeSpan.FromSeconds(5));
        }
        Assert.Equal(1L, await cluster.Database.QueryScalarAsync<long>(
            $"SELECT count(*) FROM dispatch_events WHERE stream = 'engineer:{id}' AND type = 'engineer.seen'"));

        cluster.Clock.Advance(TimeSpan.FromSeconds(30));
        var later = cluster.Clock.GetUtcNow();
        await engineer.ReportPosition(new PositionReport(31.2301, 121.47, later, 10));

        var seen = await cluster.Database.QueryScalarAsync<DateTime>(
            $"SELECT (data->'engineer'->'lastSeen'->>'at')::timestamptz FROM dispatch_events WHERE stream = 'engineer:{id}' ORDER BY sequence DESC LIMIT 1");
        Assert.Equal(later.UtcDateTime, seen, TimeSpan.FromMilliseconds(1));
    }

    private async Task<(IEngineerGrain Engineer, string Id)> RegisterAsync()
    {
        var id = "e-" + Guid.NewGuid().ToString("N")[..10];
        var engineer = cluster.Grains.GetGrain<IEngineerGrain>(id);
        Assert.Null((await engineer.Register(Profile(), Admin)).Refusal);
        return (engineer, id);
    }

    private static EngineerProfile Profile(int capacity = 1) =>
        new("Eve", new Dictionary<string, int> { ["boiler"] = 80 }, new Position(31.23, 121.47), null, capacity);

    private async Task<List<string>> TypesAsync(string id)
    {
        var joined = await cluster.Database.QueryScalarAsync<string>(
            $"SELECT coalesce(string_agg(type, ',' ORDER BY sequence), '') FROM dispatch_events WHERE stream = 'engineer:{id}'");
        return [.. (joined ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>The engineer as stored: the failed call dropped its activation, so this asks until a fresh activation answers.</summary>
    private static async Task<EngineerView?> ViewOnceRecoveredAsync(IEngineerGrain engineer)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await engineer.GetView();
            }
            catch (Exception) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }
}
