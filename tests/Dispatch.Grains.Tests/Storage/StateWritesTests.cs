using System.Diagnostics.Metrics;
using System.Text;
using Dispatch.Grains.Common;
using Dispatch.Grains.Events;
using Dispatch.Silo.Database;
using Dispatch.Silo.Events;
using Dispatch.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dispatch.Grains.Tests.Storage;

/// <summary>
/// One grain write stores its state and its events together or not at all, whichever statement carries it: the
/// function for a quarantined event, the plain insert for a first write and the plain update for the rest
/// (<see cref="StateWrites"/>).
/// </summary>
public sealed class StateWritesTests
{
    private const string Stream = "ticket:t-writes";

    [Fact]
    public async Task Writes_after_the_first_store_the_state_and_its_events_in_their_order()
    {
        await using var store = await Store.StartAsync();
        Assert.Equal(1, await store.WriteAsync(null, "a", Events(1)));
        Assert.Equal(2, await store.WriteAsync(1, "b", Events(2, 3, 4)));
        Assert.Equal(3, await store.WriteAsync(2, "c", []));
        Assert.Equal(4, await store.WriteAsync(3, "d", Events(5)));

        Assert.Equal("d@4", await store.StoredAsync());
        // The log's positions follow the events' order, within a write and across writes.
        Assert.Equal("1,2,3,4,5", await store.Database.QueryScalarAsync<string>(
            $"SELECT string_agg(sequence::text, ',' ORDER BY position) FROM dispatch_events WHERE stream = '{Stream}'"));
        Assert.Equal("ticket.step-4", await store.Database.QueryScalarAsync<string>(
            $"SELECT type FROM dispatch_events WHERE stream = '{Stream}' AND sequence = 4 AND data->>'n' = '4'"));
    }

    [Fact]
    public async Task A_write_at_a_stale_version_stores_neither_the_state_nor_its_events()
    {
        await using var store = await Store.StartAsync();
        Assert.Equal(1, await store.WriteAsync(null, "a", Events(1)));
        Assert.Equal(2, await store.WriteAsync(1, "b", Events(2)));

        Assert.Null(await store.WriteAsync(1, "stale", Events(3, 4)));
        Assert.Null(await store.WriteAsync(1, "stale", []));
        Assert.Null(await store.WriteAsync(7, "ahead", Events(3)));

        Assert.Equal("b@2", await store.StoredAsync());
        Assert.Equal(2L, await store.Database.QueryScalarAsync<long>($"SELECT count(*) FROM dispatch_events WHERE stream = '{Stream}'"));
        // The next write at the stored version goes on from there.
        Assert.Equal(3, await store.WriteAsync(2, "c", Events(3)));
        Assert.Equal(3L, await store.Database.QueryScalarAsync<long>($"SELECT count(*) FROM dispatch_events WHERE stream = '{Stream}'"));
    }

    [Fact]
    public async Task A_first_write_that_finds_the_state_stored_by_another_stores_neither_the_state_nor_its_events()
    {
        await using var store = await Store.StartAsync();
        Assert.Equal(1, await store.WriteAsync(null, "a", Events(1, 2)));

        // Another activation's first write, with its events or without.
        Assert.Null(await store.WriteAsync(null, "other", Events(3)));
        Assert.Null(await store.WriteAsync(null, "other", []));

        Assert.Equal("a@1", await store.StoredAsync());
        Assert.Equal("1,2", await store.Database.QueryScalarAsync<string>(
            $"SELECT string_agg(sequence::text, ',' ORDER BY position) FROM dispatch_events WHERE stream = '{Stream}'"));
        Assert.Equal(2, await store.WriteAsync(1, "b", Events(3)));
    }

    [Fact]
    public async Task An_event_the_log_cannot_hold_goes_to_the_quarantine_and_the_rest_of_its_write_to_the_log()
    {
        await using var store = await Store.StartAsync();
        Assert.Equal(1, await store.WriteAsync(null, "a", Events(1)));
        var poisoned = Event(3) with { Data = "{\"n\":\"3\u0000\"}" };

        Assert.Equal(2, await store.WriteAsync(1, "b", [Event(2), poisoned, Event(4)]));

        Assert.Equal("b@2", await store.StoredAsync());
        Assert.Equal("1,2,4", await store.Database.QueryScalarAsync<string>(
            $"SELECT string_agg(sequence::text, ',' ORDER BY position) FROM dispatch_events WHERE stream = '{Stream}'"));
        Assert.Equal(3L, await store.Database.QueryScalarAsync<long>(
            $"SELECT sequence FROM dispatch_event_quarantine WHERE stream = '{Stream}'"));
    }

    private static DomainEvent[] Events(params int[] sequences) => [.. sequences.Select(Event)];

    private static DomainEvent Event(int sequence) => new(
        Stream, sequence, $"ticket.step-{sequence}", DateTimeOffset.UnixEpoch.AddMinutes(sequence), new Actor("dana", "dispatcher"), $"{{\"n\":\"{sequence}\"}}");

    /// <summary>A private database, the group commit that writes to it and the quarantine that judges the events.</summary>
    private sealed class Store(PrivatePostgres database, PostgresGroupCommit writer, ServiceProvider services) : IAsyncDisposable
    {
        private readonly EventQuarantine _quarantine = new(NullLogger<EventQuarantine>.Instance, services.GetRequiredService<IMeterFactory>());

        public PrivatePostgres Database => database;

        public static async Task<Store> StartAsync()
        {
            var database = await PrivatePostgres.StartAsync();
            var writer = new PostgresGroupCommit(database.ConnectionString, NullLogger<PostgresGroupCommit>.Instance);
            await writer.StartAsync(CancellationToken.None);
            return new Store(database, writer, new ServiceCollection().AddMetrics().BuildServiceProvider());
        }

        public Task<int?> WriteAsync(int? knownVersion, string payload, IReadOnlyList<DomainEvent> events) =>
            writer.ExecuteAsync(
                StateWrites.Command(11, 0, 0, 7, "ticket", "t-writes", "test-service", knownVersion, Encoding.UTF8.GetBytes(payload), events, _quarantine),
                StateWrites.NewVersion);

        public Task<string?> StoredAsync() => database.QueryScalarAsync<string>(
            "SELECT convert_from(payload, 'UTF8') || '@' || version FROM orleans_grain_state WHERE grain_type = 'ticket' AND grain_id_ext = 't-writes'");

        public async ValueTask DisposeAsync()
        {
            await writer.StopAsync(CancellationToken.None);
            await writer.DisposeAsync();
            await services.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}
