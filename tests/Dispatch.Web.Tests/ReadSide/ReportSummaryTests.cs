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
public sealed class ReportSummaryTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private PrivatePostgres _database = null!;
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        _database = await PrivatePostgres.StartAsync();
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Reports_from_the_summary_equal_reports_from_the_tickets()
    {
        await DispatchScript.RunAsync(_database.ScriptEnvironment, "seed", "--days", "4", "--per-day", "250");
        var projector = new ReadModelProjector(_dataSource);
        while (await projector.ProjectOnceAsync() > 0)
        {
        }

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
            (now.AddDays(-2.7), now, Shanghai, new(null, null, null, null, null)), // edges from the tickets
            (now.AddDays(-3), now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), new(null, null, null, null, null)), // another zone
            (midnight.AddDays(-4), now, Shanghai, new(region, null, null, "standard", ["P2", "P3"])),
            (midnight.AddDays(-4), midnight, Shanghai, new(null, "repair", engineer, null, null)),
        };
        var compared = 0;
        foreach (var (from, to, zone, dimensions) in windows)
        {
            ReportFilter Filter() => new(from, to, zone, Where(from, to, dimensions), dimensions);
            var summed = await ReportSource.SummedDaysAsync(_dataSource, Filter(), CancellationToken.None);
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
        await using var command = query.Command(_dataSource);
        return await global::Dispatch.Web.Api.Search.ReadSide.RowsAsync(command, CancellationToken.None);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<string> TextAsync(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        return (string)(await command.ExecuteScalarAsync())!;
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
