using Dispatch.Silo.Projections;
using Dispatch.Testing;
using Dispatch.Web.Api.Reports;
using Dispatch.Web.Api.Search;
using Npgsql;

namespace Dispatch.Web.Tests.ReadSide;

/// <summary>
/// The daily report summary the projector keeps (migration 0017) against the tickets it sums: on a seeded history,
/// the summary kept event batch by event batch equals one summed afresh from the tickets, and every report read from
/// it (whole days, edges from the tickets, another zone) equals the same report aggregated straight from the tickets.
/// </summary>
public sealed class ReportSummaryTests : ReadSideDatabase
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task Reports_from_the_summary_equal_reports_from_the_tickets()
    {
        await DispatchScript.RunAsync(Database.ScriptEnvironment, "seed", "--days", "4", "--per-day", "250");
        await ProjectorRuns.CatchUpAsync(new ReadModelProjector(DataSource));

        // Kept batch by batch (tickets taken out and put back, customers' tiers, reassignments) = summed at once.
        await ExecuteAsync("CREATE TABLE kept_days AS SELECT * FROM rm_ticket_days WHERE created <> 0");
        await ExecuteAsync("CREATE TABLE kept_facets AS SELECT * FROM rm_ticket_day_facets WHERE tickets <> 0");
        await ExecuteAsync("TRUNCATE rm_ticket_days, rm_ticket_day_facets");
        await ExecuteAsync("SELECT rm_ticket_days_add(1, array_agg(ticket_id), '{}', 'Asia/Shanghai') FROM rm_tickets");
        Assert.True(await ScalarAsync("SELECT count(*) FROM kept_days") > 100);
        Assert.True(await ScalarAsync("SELECT count(*) FROM kept_facets WHERE kind = 'breach'") > 0);
        foreach (var (kept, table, count) in new[] { ("kept_days", "rm_ticket_days", "created"), ("kept_facets", "rm_ticket_day_facets", "tickets") })
        {
            Assert.Equal(0, await ScalarAsync($"""
                SELECT count(*) FROM ((SELECT * FROM {kept} EXCEPT SELECT * FROM {table} WHERE {count} <> 0)
                                      UNION ALL (SELECT * FROM {table} WHERE {count} <> 0 EXCEPT SELECT * FROM {kept})) d
                """));
        }

        var now = DateTimeOffset.UtcNow;
        var midnight = new DateTimeOffset(TimeZoneInfo.ConvertTime(now, Shanghai).Date, Shanghai.GetUtcOffset(now)).AddDays(1).ToUniversalTime();
        var region = await TextAsync("SELECT region FROM rm_tickets GROUP BY region ORDER BY count(*) DESC LIMIT 1");
        var engineer = await TextAsync("SELECT engineer_id FROM rm_tickets WHERE engineer_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
        var windows = new (DateTimeOffset From, DateTimeOffset To, TimeZoneInfo Zone, ReportDimensions Dimensions)[]
        {
            (midnight.AddDays(-5), midnight, Shanghai, new(null, null, null, null, null)), // whole days: the summary only
            // edges from the tickets: 3.7 days hold two whole days of Shanghai whatever the time of day (2.7 did not after 08:48 UTC)
            (now.AddDays(-3.7), now, Shanghai, new(null, null, null, null, null)),
            (now.AddDays(-3), now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), new(null, null, null, null, null)), // another zone
            (midnight.AddDays(-4), now, Shanghai, new(region, null, null, "standard", ["P2", "P3"])),
            (midnight.AddDays(-4), midnight, Shanghai, new(null, "repair", engineer, null, null)),
        };
        var compared = 0;
        foreach (var (from, to, zone, dimensions) in windows)
        {
            ReportFilter Filter() => new(from, to, zone, Where(from, to, dimensions), dimensions);
            var summed = await ReportSource.SummedDaysAsync(DataSource, Filter(), CancellationToken.None);
            Assert.True(zone != Shanghai || summed.Count >= 2, $"{from:O}..{to:O}: {summed.Count} days summed");
            foreach (var group in KpiReport.Groups)
            {
                var what = $"{group} {from:O}..{to:O} {zone.Id} {dimensions}";
                compared += AssertSameRows(await RowsAsync(Reference.Kpis(group, Filter())), await RowsAsync(KpiReport.Sql(group, Filter(), summed)), what);
                compared += AssertSameRows([.. (await RowsAsync(Reference.Breaches(group, Filter()))).OrderBy(r => $"{r["group"]}/{r["clock"]}", StringComparer.Ordinal)],
                    [.. (await RowsAsync(KpiReport.BreachesSql(group, Filter(), summed))).OrderBy(r => $"{r["group"]}/{r["clock"]}", StringComparer.Ordinal)], what);
            }
            compared += AssertSameRows([.. (await RowsAsync(Reference.Stages(Filter()))).OrderBy(r => (string)r["stage"]!, StringComparer.Ordinal)],
                [.. (await RowsAsync(KpiReport.StagesSql(Filter(), summed))).OrderBy(r => (string)r["stage"]!, StringComparer.Ordinal)], $"stages {dimensions}");
        }
        Assert.True(compared > 500, $"{compared} rows compared");
    }

    [Fact]
    public async Task A_reports_statements_read_one_snapshot_though_the_projector_commits_between_them()
    {
        var day = new DateTimeOffset(2021, 6, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var dimensions = new ReportDimensions("snapshot", null, null, null, null);
        var filter = new ReportFilter(day, day.AddDays(1), Shanghai, Where(day, day.AddDays(1), dimensions), dimensions);
        async Task<long> CreatedAsync(NpgsqlConnection connection) =>
            (await ReportEndpoints.KpisAsync(connection, "none", filter, CancellationToken.None)).Sum(r => (long)r["created"]!);
        await using var snapshot = await ReportSource.SnapshotAsync(DataSource, CancellationToken.None);
        Assert.Equal(0, await CreatedAsync(snapshot));

        // A ticket of that day summed, as the projector's transaction commits it.
        await ExecuteAsync($"""
            INSERT INTO rm_ticket_days
            SELECT '{day.UtcDateTime:O}', '{day.AddDays(1).UtcDateTime:O}', false, 'snapshot', 'P2', 'repair', '', '',
                   1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0
            """);

        Assert.Equal(0, await CreatedAsync(snapshot));
        await using (var later = await ReportSource.SnapshotAsync(DataSource, CancellationToken.None))
        {
            Assert.Equal(1, await CreatedAsync(later));
        }
        await snapshot.DisposeAsync();

        // Back in the pool (both at once, so both pooled connections), they hold no transaction: whoever opens one next
        // reads and writes as usual.
        await using var first = await DataSource.OpenConnectionAsync();
        await using var second = await DataSource.OpenConnectionAsync();
        foreach (var connection in new[] { first, second })
        {
            await using var command = new NpgsqlCommand("SELECT current_setting('transaction_read_only')", connection);
            Assert.Equal("off", await command.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task A_summary_kept_at_live_pace_equals_a_rebuild_and_the_views()
    {
        // Days of Europe/Berlin, two of which are 25 and 23 hours long; one event of each of seven tickets a batch.
        await WriteLivePaceHistoryAsync();
        var events = (int)await ScalarAsync("SELECT count(*) FROM dispatch_events");
        Assert.Equal(events, await ProjectorRuns.CatchUpAsync(new ReadModelProjector(DataSource, "Europe/Berlin", batchSize: 7)));
        await ExecuteAsync($"CREATE TABLE kept_days AS SELECT * FROM rm_ticket_days WHERE {CountsSomething("rm_ticket_days")}");
        await ExecuteAsync($"CREATE TABLE kept_facets AS SELECT * FROM rm_ticket_day_facets WHERE {CountsSomething("rm_ticket_day_facets")}");
        Assert.Equal(LivePaceTickets, await ScalarAsync("SELECT sum(created) FROM kept_days WHERE NOT by_engineer"));
        Assert.Equal(3, await ScalarAsync("SELECT count(DISTINCT tier) FROM kept_days")); // vip, gold, '' (no customer or none projected)
        Assert.True(await ScalarAsync("SELECT count(*) FROM kept_facets WHERE kind = 'breach'") > 0);
        Assert.Equal(TimeSpan.FromHours(25), await IntervalAsync(
            "SELECT DISTINCT day_end - day_start FROM kept_days WHERE day_start = '2026-10-24 22:00Z'"));
        Assert.Equal(TimeSpan.FromHours(23), await IntervalAsync(
            "SELECT DISTINCT day_end - day_start FROM kept_days WHERE day_start = '2026-03-28 23:00Z'"));

        // The same events replayed in batches of a thousand (whole lives, customers' tiers summed in SQL).
        await ExecuteAsync("SELECT dispatch_projections_rebuild()");
        Assert.Equal(events, await ProjectorRuns.CatchUpAsync(new ReadModelProjector(DataSource, "Europe/Berlin")));
        await AssertSummaryEqualsKeptAsync("rebuilt");

        // What the views of migration 0017 give for every ticket, summed at once.
        await ExecuteAsync("TRUNCATE rm_ticket_days, rm_ticket_day_facets");
        await ExecuteAsync("SELECT rm_ticket_days_add(1, array_agg(ticket_id), '{}', 'Europe/Berlin') FROM rm_tickets");
        await AssertSummaryEqualsKeptAsync("summed by the views");
    }

    private const int LivePaceTickets = 40;

    /// <summary>
    /// Tickets created around midnights of Europe/Berlin (the 25-hour 2026-10-25, the 23-hour 2026-03-29), each living one of
    /// five lives (resolved and surveyed; reassigned; reopened; waiting, breached and raised to P1; cancelled), their events
    /// interleaved as live traffic writes them: the first event of every ticket, then the second, and so on. Times carry
    /// microseconds, so waiting and stage seconds are not round. A customer changes tier on the way.
    /// </summary>
    private async Task WriteLivePaceHistoryAsync()
    {
        DateTimeOffset[] creations =
        [
            new(2026, 10, 24, 21, 40, 0, TimeSpan.Zero), new(2026, 10, 24, 22, 20, 0, TimeSpan.Zero), new(2026, 10, 25, 0, 30, 0, TimeSpan.Zero),
            new(2026, 10, 25, 22, 50, 0, TimeSpan.Zero), new(2026, 10, 25, 23, 10, 0, TimeSpan.Zero), new(2026, 3, 28, 22, 30, 0, TimeSpan.Zero),
            new(2026, 3, 28, 23, 30, 0, TimeSpan.Zero), new(2026, 3, 29, 21, 30, 0, TimeSpan.Zero), new(2026, 3, 29, 22, 30, 0, TimeSpan.Zero),
        ];
        (string Type, string? To, double Minutes, string Details)[][] lives =
        [
            [("ticket.offered", "Offered", 1, """{"engineerId": "e-a"}"""), ("ticket.accepted", "Accepted", 2.5, """{"engineerId": "e-a"}"""),
             ("ticket.en-route", "EnRoute", 5, "{}"), ("ticket.on-site", "OnSite", 35.01, "{}"), ("ticket.resolved", "Resolved", 95.3, "{}"),
             ("ticket.survey", null, 120, """{"csat": "5", "nps": "10", "ces": "1"}"""), ("ticket.closed", "Closed", 130, "{}")],
            [("ticket.offered", "Offered", 1, """{"engineerId": "e-a"}"""), ("ticket.accepted", "Accepted", 2, """{"engineerId": "e-a"}"""),
             ("ticket.released", "Dispatching", 10.7, """{"engineerId": "e-a"}"""), ("ticket.offered", "Offered", 11, """{"engineerId": "e-b"}"""),
             ("ticket.accepted", "Accepted", 12.2, """{"engineerId": "e-b"}"""), ("ticket.on-site", "OnSite", 50, "{}"),
             ("ticket.resolved", "Resolved", 100, "{}"), ("ticket.survey", null, 101, """{"csat": "2", "nps": "3", "ces": "5"}""")],
            [("ticket.accepted", "Accepted", 3, """{"engineerId": "e-b"}"""), ("ticket.on-site", "OnSite", 30, "{}"),
             ("ticket.resolved", "Resolved", 60.123, "{}"), ("ticket.reopened", "Dispatching", 200, "{}"),
             ("ticket.accepted", "Accepted", 210, """{"engineerId": "e-c"}"""), ("ticket.on-site", "OnSite", 240, "{}"),
             ("ticket.resolved", "Resolved", 300.5, "{}"), ("ticket.closed", "Closed", 400, "{}")],
            [("ticket.accepted", "Accepted", 4, """{"engineerId": "e-c"}"""), ("ticket.on-site", "OnSite", 40, "{}"),
             ("ticket.waiting", "Waiting", 50.3333, "{}"), ("ticket.on-site", "OnSite", 150.777, "{}"), ("sla.warning", null, 160, "{}"),
             ("sla.breached", null, 170, """{"metric": "resolution", "level": "1"}"""),
             ("sla.breached", null, 175, """{"metric": "response", "level": "2"}"""), ("ticket.resolved", "Resolved", 250.5, "{}"),
             ("ticket.priority-changed", null, 251, """{"to": "P1"}""")],
            [("sla.warning", null, 20, "{}"), ("ticket.cancelled", "Cancelled", 45.45, "{}")],
        ];

        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        async Task Customer(string customer, long sequence, string type, string tier) => await EventLogRows.InsertAsync(connection, transaction,
            "customer:" + customer, sequence, type, creations[0], "{\"profile\": {\"name\": \"" + customer + "\", \"tier\": \"" + tier + "\"}}");
        await Customer("c-1", 1, "customer.registered", "standard");
        await Customer("c-2", 1, "customer.registered", "gold");
        for (var step = 0; step < 11; step++)
        {
            for (var i = 0; i < LivePaceTickets; i++)
            {
                var ticket = $"t-{i}";
                var created = creations[i % creations.Length].AddSeconds(i).AddTicks(1_234_570);
                var customer = (i % 4) switch { 0 => "\"c-1\"", 1 => "\"c-2\"", 2 => "\"c-unknown\"", _ => "null" };
                var life = lives[i % lives.Length];
                (string? Type, string? To, double Minutes, string Details) next = step switch
                {
                    0 => ("ticket.created", "New", 0, $$"""{"priority": "P{{1 + i % 4}}", "region": "r-{{i % 3}}", "serviceType": "repair"}"""),
                    1 => ("ticket.dispatching", "Dispatching", 0.1, "{}"),
                    _ when step - 2 < life.Length => life[step - 2],
                    _ => (null, null, 0, ""),
                };
                var (type, to, minutes, details) = next;
                if (type is null)
                {
                    continue;
                }
                await EventLogRows.InsertAsync(connection, transaction, "ticket:" + ticket, step + 1, type,
                    created.AddTicks((long)Math.Round(minutes * 60_000_000) * 10),
                    $$"""{"ticketId": "{{ticket}}", "customerId": {{customer}}, "to": {{(to is null ? "null" : $"\"{to}\"")}}, "details": {{details}}}""");
            }
            if (step == 3)
            {
                await Customer("c-1", 2, "customer.updated", "vip");
            }
        }
        await transaction.CommitAsync();
    }

    /// <summary>The summary's rows equal the kept ones, value for value (numeric equality), leaving out rows that count nothing.</summary>
    private async Task AssertSummaryEqualsKeptAsync(string what)
    {
        foreach (var (kept, table) in new[] { ("kept_days", "rm_ticket_days"), ("kept_facets", "rm_ticket_day_facets") })
        {
            Assert.True(0 == await ScalarAsync($"""
                SELECT count(*) FROM ((SELECT * FROM {kept} EXCEPT SELECT * FROM {table} WHERE {CountsSomething(table)})
                                      UNION ALL (SELECT * FROM {table} WHERE {CountsSomething(table)} EXCEPT SELECT * FROM {kept})) d
                """), $"{table} {what} differs from the one kept at live pace");
        }
    }

    /// <summary>A summary row with any measure not zero (a row of no ticket must count nothing at all).</summary>
    private static string CountsSomething(string table) => table == "rm_ticket_day_facets"
        ? "(tickets <> 0 OR seconds <> 0)"
        : "(" + string.Join(" OR ", SummaryMeasures.Select(m => m + " <> 0")) + ")";

    private static readonly string[] SummaryMeasures =
    [
        "created", "resolved", "cancelled", "responded", "respond_seconds", "arrived", "arrive_seconds", "resolve_seconds",
        "resolve_net_seconds", "first_time_fixes", "breached", "kept", "surveys", "csat_sum", "nps_answers", "promoters",
        "detractors", "ces_answers", "ces_sum",
    ];

    private async Task<TimeSpan> IntervalAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (TimeSpan)(await command.ExecuteScalarAsync())!;
    }

    private static SqlWhere Where(DateTimeOffset from, DateTimeOffset to, ReportDimensions dimensions)
    {
        var where = new SqlWhere().Add("t.created_at >= {0}", from).Add("t.created_at < {0}", to)
            .AddIf(dimensions.Region, "t.region = {0}").AddIf(dimensions.ServiceType, "t.service_type = {0}")
            .AddIf(dimensions.EngineerId, "t.engineer_id = {0}").AddIf(dimensions.Tier, "c.tier = {0}");
        return dimensions.Priorities is { } priorities ? where.Add("t.priority = ANY({0})", priorities) : where;
    }

    private static int AssertSameRows(List<Dictionary<string, object?>> expected, List<Dictionary<string, object?>> actual, string what)
    {
        Assert.True(expected.Count == actual.Count, $"{what}: {expected.Count} rows from the tickets, {actual.Count} from the summary");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Keys.Order(), actual[i].Keys.Order());
            foreach (var (column, value) in expected[i])
            {
                var other = actual[i][column];
                if (value is double a && other is double b)
                {
                    Assert.True(Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a)), $"{what}: {column} {a} from the tickets, {b} from the summary");
                }
                else
                {
                    Assert.True(Equals(value, other), $"{what}: {column} {value} from the tickets, {other} from the summary (row {i})");
                }
            }
        }
        return expected.Count;
    }

    private async Task<List<Dictionary<string, object?>>> RowsAsync(ReportSource.Query query)
    {
        await using var command = query.Command(DataSource);
        return await global::Dispatch.Web.Api.Search.ReadSide.RowsAsync(command, CancellationToken.None);
    }

    /// <summary>The reports as they were computed before the summary: every ticket of the window aggregated at each call.</summary>
    private static class Reference
    {
        private const string From = "FROM rm_tickets t LEFT JOIN rm_customers c ON c.customer_id = t.customer_id";

        private static string Key(string group, ReportFilter filter) => group switch
        {
            "day" => $"to_char((t.created_at AT TIME ZONE {filter.Where.Parameter(filter.Zone.Id)})::date, 'YYYY-MM-DD')",
            "region" => "coalesce(t.region, '')",
            "priority" => "coalesce(t.priority, '')",
            "serviceType" => "coalesce(t.service_type, '')",
            "engineer" => "coalesce(t.engineer_id, '')",
            "tier" => "coalesce(c.tier, '')",
            _ => "'all'",
        };

        public static ReportSource.Query Kpis(string group, ReportFilter filter)
        {
            var key = Key(group, filter);
            return new($"""
                SELECT {key} AS "group",
                       count(*) AS created,
                       count(t.resolved_at) AS resolved,
                       count(t.cancelled_at) AS cancelled,
                       avg(extract(epoch FROM t.accepted_at - t.created_at))::double precision AS "meanSecondsToRespond",
                       avg(extract(epoch FROM t.on_site_at - t.created_at))::double precision AS "meanSecondsToArrive",
                       avg(extract(epoch FROM t.resolved_at - t.created_at))::double precision AS "meanSecondsToResolve",
                       avg(extract(epoch FROM t.resolved_at - t.created_at) - t.waiting_seconds)::double precision
                           AS "meanSecondsToResolveExcludingWaiting",
                       (count(*) FILTER (WHERE t.resolved_at IS NOT NULL AND t.visits <= 1 AND t.reopens = 0))::double precision
                           / nullif(count(t.resolved_at), 0) AS "firstTimeFixRate",
                       count(*) FILTER (WHERE t.sla_state = 'breached') AS breached,
                       (count(*) FILTER (WHERE t.sla_state <> 'breached'))::double precision / nullif(count(*), 0) AS "slaCompliance",
                       count(t.csat) AS surveys,
                       avg(t.csat)::double precision AS "meanCsat",
                       100.0 * (count(*) FILTER (WHERE t.nps >= 9) - count(*) FILTER (WHERE t.nps <= 6))::double precision
                           / nullif(count(t.nps), 0) AS nps,
                       avg(t.ces)::double precision AS "meanCes"
                  {From}
                  {filter.Where}
                 GROUP BY 1 ORDER BY 1
                """, filter.Where);
        }

        public static ReportSource.Query Breaches(string group, ReportFilter filter)
        {
            var key = Key(group, filter);
            return new($"""
                SELECT {key} AS "group", clock, count(*) AS tickets
                  {From} CROSS JOIN LATERAL unnest(t.breached_clocks) AS clock
                  {filter.Where}
                 GROUP BY 1, 2
                """, filter.Where);
        }

        public static ReportSource.Query Stages(ReportFilter filter) => new($"""
            SELECT s.stage, count(*) AS tickets, sum(s.seconds) AS "totalSeconds", avg(s.seconds) AS "meanSeconds"
              {From} JOIN rm_ticket_stages s ON s.ticket_id = t.ticket_id
              {filter.Where}
             GROUP BY s.stage
            """, filter.Where);
    }
}
