using Dispatch.Silo.Projections;
using Dispatch.Testing;
using Npgsql;

namespace Dispatch.Web.Tests.ReadSide;

/// <summary>
/// ./dispatch seed writes a history in the grains' event format: the projector reads every event of it, each
/// ticket's stream is numbered without gaps, its figures are possible ones, and seeding again adds nothing.
/// </summary>
public sealed class SeedHistoryTests : ReadSideDatabase
{
    [Fact]
    public async Task A_seeded_history_projects_whole_and_seeding_again_adds_nothing()
    {
        var before = await ScalarAsync("SELECT (extract(epoch FROM now()) * 1000000)::bigint");
        // Four days, not three: the seed writes the same history relative to each day's start, and nothing after now.
        // With three days the earliest reopening fell at 00:15 of the present day in the service's zone (a ticket of the
        // day before), so from 00:00 to 00:15 Asia/Shanghai no ticket had been reopened yet and the test failed every day
        // then (seen 2026-12-02 at 16:10 UTC). The oldest of four days has its first reopening 22:43 after its start.
        await DispatchScript.RunAsync(Database.ScriptEnvironment, "seed", "--days", "4", "--per-day", "300");
        await ProjectorRuns.CatchUpAsync(new ReadModelProjector(DataSource));

        // Today's tickets arriving later than now are not written yet; the three days before are whole.
        var created = await ScalarAsync("SELECT count(*) FROM dispatch_events WHERE type = 'ticket.created'");
        Assert.InRange(created, 900, 1200);
        Assert.Equal(created, await ScalarAsync("SELECT count(*) FROM rm_tickets WHERE ticket_id LIKE 'seed-%'"));
        Assert.Equal(await ScalarAsync("SELECT count(*) FROM dispatch_events"),
            await ScalarAsync("SELECT events_applied FROM dispatch_projection_checkpoints WHERE projection = 'read-model'"));
        // Every ticket's searchable text once, in the table the text search reads (migration 0016).
        Assert.Equal(created, await ScalarAsync("""
            SELECT count(*) FROM rm_tickets t JOIN rm_ticket_text x USING (ticket_id)
             WHERE x.text LIKE '%' || t.title || '%' AND x.text LIKE '%' || t.external_id
            """));
        Assert.Equal(created, await ScalarAsync("SELECT count(*) FROM rm_ticket_text"));
        // Streams numbered 1..n without gaps, as a grain numbers them.
        Assert.Equal(0, await ScalarAsync("""
            SELECT count(*) FROM (SELECT stream FROM dispatch_events GROUP BY stream HAVING max(sequence) <> count(*) OR min(sequence) <> 1) s
            """));
        // Every kind of life is there, and none is impossible.
        Assert.Equal(0, await ScalarAsync("""
            SELECT count(*) FROM rm_tickets
             WHERE accepted_at < created_at OR on_site_at < accepted_at OR resolved_at < on_site_at OR closed_at < resolved_at
                OR (status = 'Closed' AND resolved_at IS NULL) OR (csat IS NOT NULL AND csat NOT BETWEEN 1 AND 5)
                OR (ces IS NOT NULL AND ces NOT BETWEEN 1 AND 7) OR waiting_seconds < 0
            """));
        foreach (var status in new[] { "Closed", "Cancelled" })
        {
            Assert.True(await ScalarAsync($"SELECT count(*) FROM rm_tickets WHERE status = '{status}'") > 0, status);
        }
        Assert.True(await ScalarAsync("SELECT count(*) FROM rm_tickets WHERE reopens > 0") > 0, "reopened");
        Assert.True(await ScalarAsync("SELECT count(*) FROM rm_tickets WHERE waiting_seconds > 0") > 0, "waited");
        Assert.True(await ScalarAsync("SELECT count(*) FROM rm_tickets WHERE cardinality(engineers) = 2") > 0, "reassigned");
        Assert.True(await ScalarAsync("SELECT count(*) FROM rm_tickets WHERE sla_state = 'breached'") > 0, "breached");
        Assert.True(await ScalarAsync("SELECT count(*) FROM rm_customers WHERE tier = 'vip'") > 0, "vip customers");

        // Again: what had happened before the first run is there once (later moments of today's tickets may join).
        var happened = $"SELECT count(*) FROM dispatch_events WHERE at <= to_timestamp({before} / 1000000.0)";
        var events = await ScalarAsync(happened);
        await DispatchScript.RunAsync(Database.ScriptEnvironment, "seed", "--days", "4", "--per-day", "300");
        Assert.Equal(events, await ScalarAsync(happened));
        Assert.Equal(0, await ScalarAsync("""
            SELECT count(*) FROM (SELECT stream FROM dispatch_events GROUP BY stream HAVING max(sequence) <> count(*)) s
            """));
    }
}
