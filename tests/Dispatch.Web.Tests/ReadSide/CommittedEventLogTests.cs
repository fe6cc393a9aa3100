using Dispatch.Silo.Projections;
using Dispatch.Testing;

namespace Dispatch.Web.Tests.ReadSide;

/// <summary>
/// A follower reads every final event of the log, and the data of only the types it asks for: the others come without
/// it, and asking for their data is an error rather than an empty object a follower could act on.
/// </summary>
public sealed class CommittedEventLogTests : ReadSideDatabase
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_follower_gets_every_event_and_the_data_of_only_the_types_it_asks_for()
    {
        await using (var connection = await DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await EventLogRows.InsertAsync(connection, transaction, "ticket:t-1", 1, "ticket.created", At, """{"n": 1}""");
            await EventLogRows.InsertAsync(connection, transaction, "ticket:t-1", 2, "ticket.offered", At, """{"n": 2}""");
            await EventLogRows.InsertAsync(connection, transaction, "engineer:e-1", 1, "engineer.offered", At, """{"n": 3}""");
            await transaction.CommitAsync();
        }

        var all = await ReadAsync(dataOf: null);
        Assert.Equal(["{\"n\": 1}", "{\"n\": 2}", "{\"n\": 3}"], all.Select(e => e.DataJson));

        var some = await ReadAsync(dataOf: ["ticket.offered"]);
        Assert.Equal(["ticket.created", "ticket.offered", "engineer.offered"], some.Select(e => e.Type));
        Assert.Equal(2, some[1].Data.GetProperty("n").GetInt32());
        Assert.Throws<InvalidOperationException>(() => some[0].DataJson);
        Assert.Throws<InvalidOperationException>(() => some[2].Data);

        var none = await ReadAsync(dataOf: []);
        Assert.Equal(3, none.Count);
        Assert.All(none, e => Assert.Throws<InvalidOperationException>(() => e.DataJson));
    }

    private async Task<List<LoggedEvent>> ReadAsync(IReadOnlyCollection<string>? dataOf)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var checkpoint = await CommittedEventLog.LockCheckpointAsync(connection, transaction, ReadModelProjector.Projection, 1, CancellationToken.None);
        Assert.NotNull(checkpoint);
        return await CommittedEventLog.ReadFinalEventsAsync(connection, transaction, checkpoint.Value, 100, CancellationToken.None, dataOf);
    }
}
