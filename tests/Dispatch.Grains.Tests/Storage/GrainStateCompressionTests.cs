using System.Globalization;
using System.Text;
using Dispatch.Testing;
using Npgsql;

namespace Dispatch.Grains.Tests.Storage;

/// <summary>
/// A grain state large enough for PostgreSQL to compress (a ticket's, a customer's) is compressed with LZ4, not with the
/// slower default (migration 0033), and reads back as it was written.
/// </summary>
public sealed class GrainStateCompressionTests
{
    [Fact]
    public async Task A_ticket_sized_state_is_stored_compressed_with_lz4_at_its_first_write_and_at_the_next()
    {
        await using var database = await PrivatePostgres.StartAsync();
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        var first = TicketLikeState(version: 1);
        var second = TicketLikeState(version: 2);

        Assert.Equal(1, await GrainStateFunction.WriteAsync(source, 1, knownVersion: null, first));
        Assert.Equal("lz4", await database.QueryScalarAsync<string>("SELECT pg_column_compression(payload) FROM orleans_grain_state"));
        Assert.Equal(2, await GrainStateFunction.WriteAsync(source, 1, knownVersion: 1, second));
        Assert.Equal("lz4", await database.QueryScalarAsync<string>("SELECT pg_column_compression(payload) FROM orleans_grain_state"));

        await using var read = source.CreateCommand("SELECT payload FROM orleans_grain_state");
        Assert.Equal(second, (byte[])(await read.ExecuteScalarAsync())!);
        Assert.True(await database.QueryScalarAsync<int>("SELECT pg_column_size(payload) FROM orleans_grain_state") < second.Length / 2);
    }

    // JSON of the shape grain storage writes: a timeline of similar entries, which compresses well.
    private static byte[] TicketLikeState(int version)
    {
        var text = new StringBuilder(FormattableString.Invariant($$"""{"version":{{version}},"timeline":["""));
        for (var i = 0; i < 30; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $$"""{"type":"ticket.step","at":"2026-12-03T11:{{i:00}}:00+00:00","by":"engineer-{{i % 7}}","note":"step {{i}}"},""");
        }
        text.Append("{}]}");
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
