using Dispatch.Silo.Projections;
using Dispatch.Testing;
using Npgsql;

namespace Dispatch.Web.Tests.ReadSide;

/// <summary>
/// The projector keeps the rows of its last batch's tickets and folds their next events onto them without reading them
/// back (RecentTickets). The kept rows must never stand in for newer ones: not after another silo's projector wrote a
/// batch, not after a rebuild, not after a batch of its own failed halfway.
/// </summary>
public sealed class RecentTicketsTests : ReadSideDatabase
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    // The row (status, engineer, accepted, on site, visits, last event) and the time spent in each stage after created
    // (0 min), accepted (2 min) and on site (30 min).
    private const string OnSite = "OnSite|e-1|00:02|00:30|1|3 / Accepted 1680 1, New 120 1";

    [Fact]
    public async Task A_batch_of_another_silos_projector_is_not_overwritten_by_the_rows_this_one_kept()
    {
        var (mine, other) = (new ReadModelProjector(DataSource), new ReadModelProjector(DataSource));
        await CreatedAsync();
        Assert.Equal(1, await ProjectorRuns.CatchUpAsync(mine));
        await AcceptedAsync();
        Assert.Equal(1, await ProjectorRuns.CatchUpAsync(other));
        await OnSiteAsync();
        Assert.Equal(1, await ProjectorRuns.CatchUpAsync(mine));

        Assert.Equal(OnSite, await TicketAsync());
    }

    [Fact]
    public async Task After_a_rebuild_the_projector_reads_the_rows_again()
    {
        var projector = new ReadModelProjector(DataSource);
        await CreatedAsync();
        await AcceptedAsync();
        await OnSiteAsync();
        Assert.Equal(3, await ProjectorRuns.CatchUpAsync(projector));
        var projected = await TicketAsync();
        Assert.Equal(OnSite, projected);

        await ExecuteAsync("SELECT dispatch_projections_rebuild()");
        Assert.Equal(3, await ProjectorRuns.CatchUpAsync(projector));
        Assert.Equal(projected, await TicketAsync());
    }

    [Fact]
    public async Task A_batch_that_failed_leaves_no_half_folded_row_behind()
    {
        var projector = new ReadModelProjector(DataSource);
        await CreatedAsync();
        await AcceptedAsync();
        Assert.Equal(2, await ProjectorRuns.CatchUpAsync(projector));
        // The database refuses the arrival's write once, after the fold has applied it to the kept row in memory (a second
        // fold of it onto that row would count two visits).
        await ExecuteAsync("ALTER TABLE rm_tickets ADD CONSTRAINT not_yet CHECK (status <> 'OnSite') NOT VALID");
        await OnSiteAsync();
        await Assert.ThrowsAsync<PostgresException>(() => projector.ProjectOnceAsync());
        await ExecuteAsync("ALTER TABLE rm_tickets DROP CONSTRAINT not_yet");

        Assert.Equal(1, await ProjectorRuns.CatchUpAsync(projector));
        Assert.Equal(OnSite, await TicketAsync());
    }

    private Task CreatedAsync() => WriteAsync(1, "ticket.created", "New", 0,
        """{"priority": "P2", "region": "riverside", "serviceType": "repair", "slaPolicy": "standard"}""");

    private Task AcceptedAsync() => WriteAsync(2, "ticket.accepted", "Accepted", 2, """{"engineerId": "e-1"}""");

    private Task OnSiteAsync() => WriteAsync(3, "ticket.on-site", "OnSite", 30, "{}");

    private Task WriteAsync(long sequence, string type, string to, double minutes, string details) =>
        EventLogRows.TicketEventAsync(DataSource, "t-1", sequence, type, to, Start.AddMinutes(minutes), details);

    private async Task<string> TicketAsync()
    {
        await using var command = DataSource.CreateCommand("""
            SELECT concat_ws('|', t.status, t.engineer_id, to_char(t.accepted_at - @start, 'HH24:MI'), to_char(t.on_site_at - @start, 'HH24:MI'),
                             t.visits, t.last_sequence)
                   || ' / ' || (SELECT string_agg(s.stage || ' ' || s.seconds || ' ' || s.entries, ', ' ORDER BY s.stage)
                                  FROM rm_ticket_stages s WHERE s.ticket_id = t.ticket_id)
              FROM rm_tickets t WHERE t.ticket_id = 't-1'
            """);
        command.Parameters.AddWithValue("start", Start);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
