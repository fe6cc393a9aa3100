using Dispatch.Silo.Projections;
using Dispatch.Testing;

namespace Dispatch.Web.Tests.ReadSide;

/// <summary>
/// Most of a ticket's events change only columns that no index of rm_tickets holds (its status, the time of its last
/// change), so the projector's write of its row is an update in place (HOT), with no index entry and no index vacuum
/// (migration 0030). An index added later on such a column would quietly make every event cost all the indexes again.
/// </summary>
public sealed class InPlaceUpdatesTests : ReadSideDatabase
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_change_of_status_updates_the_row_in_place_and_an_acceptance_does_not()
    {
        var projector = new ReadModelProjector(DataSource);
        // One batch each, so that each is an update of the row the batch before wrote.
        await WriteAsync(1, "ticket.created", "New", 0,
            """{"priority": "P2", "region": "riverside", "serviceType": "repair", "slaPolicy": "standard"}""");
        Assert.Equal(1, await ProjectorRuns.CatchUpAsync(projector));
        await WriteAsync(2, "ticket.dispatching", "Dispatching", 1, "{}");
        Assert.Equal(1, await ProjectorRuns.CatchUpAsync(projector));
        await WriteAsync(3, "ticket.offered", "Offered", 2, """{"engineerId": "e-1"}""");
        Assert.Equal(1, await ProjectorRuns.CatchUpAsync(projector));
        // The engineer is indexed (an engineer's work is searched by it): this one writes the indexes.
        await WriteAsync(4, "ticket.accepted", "Accepted", 3, """{"engineerId": "e-1"}""");
        Assert.Equal(1, await ProjectorRuns.CatchUpAsync(projector));

        // A server process reports its statistics when it ends, at the latest.
        DataSource.Clear();
        var updates = await Eventually.Until(() => TextAsync("""
                SELECT n_tup_upd || ' updates, ' || n_tup_hot_upd || ' in place' FROM pg_stat_user_tables WHERE relname = 'rm_tickets'
                """), text => text.StartsWith("3 updates", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the statistics of rm_tickets");
        Assert.Equal("3 updates, 2 in place", updates);
    }

    [Fact]
    public async Task The_time_of_the_last_change_is_kept_beside_the_row_for_the_search_that_sorts_by_it()
    {
        var projector = new ReadModelProjector(DataSource);
        await WriteAsync(1, "ticket.created", "New", 0, """{"priority": "P2", "region": "riverside", "serviceType": "repair"}""");
        await WriteAsync(2, "ticket.dispatching", "Dispatching", 1, "{}");
        Assert.Equal(2, await ProjectorRuns.CatchUpAsync(projector));
        await WriteAsync(3, "ticket.offered", "Offered", 5, """{"engineerId": "e-1"}""");
        Assert.Equal(1, await ProjectorRuns.CatchUpAsync(projector));

        Assert.Equal("00:05 00:05", await TextAsync("""
            SELECT to_char(t.updated_at - @start, 'HH24:MI') || ' ' || to_char(u.updated_at - @start, 'HH24:MI')
              FROM rm_tickets t JOIN rm_ticket_updates u USING (ticket_id)
            """, Start));
    }

    private Task WriteAsync(long sequence, string type, string to, double minutes, string details) =>
        EventLogRows.TicketEventAsync(DataSource, "t-1", sequence, type, to, Start.AddMinutes(minutes), details);
}
