using Dispatch.Testing;
using Npgsql;

namespace Dispatch.Grains.Tests.Storage;

/// <summary>
/// A grain's state is written again and again (a ticket six times in its first minutes): each write should update its
/// row in place (HOT), with no new entry in the key index, also when the rows written after it filled its page
/// (migration 0032).
/// </summary>
public sealed class GrainStateUpdatesTests
{
    private const int Grains = 40;

    [Fact]
    public async Task A_grains_next_write_updates_its_row_in_place_among_the_rows_written_after_it()
    {
        await using var database = await PrivatePostgres.StartAsync();
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        // Ticket-sized states, incompressible as the stored ones are after PostgreSQL's compression, written one after
        // another as a burst of intake writes them: together they fill their pages.
        for (var grain = 0; grain < Grains; grain++)
        {
            Assert.Equal(1, await WriteAsync(source, grain, knownVersion: null));
        }
        for (var grain = 0; grain < Grains; grain++)
        {
            Assert.Equal(2, await WriteAsync(source, grain, knownVersion: 1));
        }

        // A server process reports its statistics when it ends, at the latest.
        source.Clear();
        var updates = await Eventually.Until(() => database.QueryScalarAsync<string>("""
                SELECT n_tup_upd || ' updates, ' || n_tup_hot_upd || ' in place' FROM pg_stat_user_tables WHERE relname = 'orleans_grain_state'
                """), text => text!.StartsWith($"{Grains} updates", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the statistics of orleans_grain_state");
        Assert.Equal($"{Grains} updates, {Grains} in place", updates);
    }

    private static Task<int> WriteAsync(NpgsqlDataSource source, int grain, int? knownVersion)
    {
        var payload = new byte[1_700];
        Random.Shared.NextBytes(payload);
        return GrainStateFunction.WriteAsync(source, grain, knownVersion, payload);
    }
}
