using Dispatch.Domain.Tickets;
using Dispatch.Web.Api.Search;
using Dispatch.Web.Auth;
using Npgsql;

namespace Dispatch.Web.Api.Reports;

/// <summary>GET /api/reports/...: KPIs, time per stage, backlog and the 5-15-30 views, from the read models.</summary>
public static class ReportEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var reports = api.MapGroup("/reports").RequireAuthorization(Policies.Operations).WithTags("Reports");
        reports.MapGet("/kpis", Kpis).WithSummary("KPIs of the tickets created in a window, grouped by day, region, priority, service type, engineer or tier");
        reports.MapGet("/stages", Stages).WithSummary("Time spent per stage and the bottleneck stage");
        reports.MapGet("/backlog", Backlog).WithSummary("Open tickets now, per status, and their age");
        reports.MapGet("/5-15-30", FiveFifteenThirty).WithSummary("The last 5 minutes live; 15 days of team efficiency; these 30 days against the 30 before");
    }

    private static string ZoneSetting(IConfiguration configuration) => configuration["Reports:TimeZone"] ?? ReportFilter.DefaultZone;

    private static async Task<IResult> Kpis(HttpRequest request, IServiceProvider services, TimeProvider clock, IConfiguration configuration)
    {
        if (ReadSide.DataSource(services) is not { } dataSource)
        {
            return ReadSide.Unavailable();
        }
        var query = new SearchQuery(request.Query, [.. ReportFilter.Known, "groupBy", "format"]);
        var filter = ReportFilter.Parse(query, clock.GetUtcNow(), ZoneSetting(configuration));
        var group = query.OneOf("groupBy", KpiReport.Groups, "none")!;
        var csv = query.WantsCsv();
        if (filter is null || query.Errors.Any)
        {
            return query.Errors.ToProblem();
        }
        if (csv)
        {
            var summed = await ReportSource.SummedDaysAsync(dataSource, filter, request.HttpContext.RequestAborted);
            return new CsvResult(KpiReport.Sql(group, filter, summed).Command(dataSource), "kpis.csv");
        }
        await using var snapshot = await ReportSource.SnapshotAsync(dataSource, request.HttpContext.RequestAborted);
        var rows = await KpisAsync(snapshot, group, filter, request.HttpContext.RequestAborted);
        if (group == "day")
        {
            rows = WithEveryDay(rows, filter);
        }
        return Results.Ok(new { from = filter.From, to = filter.To, timeZone = filter.Zone.Id, groupBy = group, groups = rows });
    }

    /// <summary>The KPIs of <paramref name="filter"/>'s window, read from <paramref name="snapshot"/> (<see cref="ReportSource.SnapshotAsync"/>).</summary>
    internal static async Task<List<Dictionary<string, object?>>> KpisAsync(NpgsqlConnection snapshot, string group, ReportFilter filter,
        CancellationToken cancellationToken)
    {
        var summed = await ReportSource.SummedDaysAsync(snapshot, filter, cancellationToken);
        await using var command = KpiReport.Sql(group, filter, summed).Command(snapshot);
        var rows = await ReadSide.RowsAsync(command, cancellationToken);
        await using var breaches = KpiReport.BreachesSql(group, filter, summed).Command(snapshot);
        var perClock = await ReadSide.RowsAsync(breaches, cancellationToken);
        foreach (var row in rows)
        {
            var byClock = perClock.Where(b => Equals(b["group"], row["group"]))
                .ToDictionary(b => (string)b["clock"]!, b => (long)b["tickets"]!);
            row["breachesByClock"] = byClock;
            // Per clock: the share of the group's tickets that kept it.
            row["complianceByClock"] = byClock.ToDictionary(b => b.Key, b => 1 - b.Value / (double)(long)row["created"]!);
        }
        return rows;
    }

    /// <summary>A daily series has a row for every day of the window, zeros included: a chart's gaps are real quiet days.</summary>
    private static List<Dictionary<string, object?>> WithEveryDay(List<Dictionary<string, object?>> rows, ReportFilter filter)
    {
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(filter.From, filter.Zone).DateTime);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(filter.To.AddTicks(-1), filter.Zone).DateTime);
        var byDay = rows.ToDictionary(r => (string)r["group"]!);
        var series = new List<Dictionary<string, object?>>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var name = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            series.Add(byDay.TryGetValue(name, out var row) ? row : KpiReport.Empty(name));
        }
        return series;
    }

    private static async Task<IResult> Stages(HttpRequest request, IServiceProvider services, TimeProvider clock, IConfiguration configuration)
    {
        if (ReadSide.DataSource(services) is not { } dataSource)
        {
            return ReadSide.Unavailable();
        }
        var query = new SearchQuery(request.Query, [.. ReportFilter.Known, "format"]);
        var filter = ReportFilter.Parse(query, clock.GetUtcNow(), ZoneSetting(configuration));
        var csv = query.WantsCsv();
        if (filter is null || query.Errors.Any)
        {
            return query.Errors.ToProblem();
        }
        var summed = await ReportSource.SummedDaysAsync(dataSource, filter, request.HttpContext.RequestAborted);
        if (csv)
        {
            return new CsvResult(KpiReport.StagesSql(filter, summed).Command(dataSource), "stages.csv");
        }
        await using var command = KpiReport.StagesSql(filter, summed).Command(dataSource);
        var stages = await ReadSide.RowsAsync(command, request.HttpContext.RequestAborted);
        var bottleneck = stages.FirstOrDefault(s => MayBeStuckIn((string)s["stage"]!))?["stage"];
        return Results.Ok(new { from = filter.From, to = filter.To, stages, bottleneck });
    }

    private static async Task<IResult> Backlog(HttpRequest request, IServiceProvider services, TimeProvider clock)
    {
        if (ReadSide.DataSource(services) is not { } dataSource)
        {
            return ReadSide.Unavailable();
        }
        var query = new SearchQuery(request.Query, ["region", "priority", "serviceType", "engineerId", "tier", "format"]);
        var now = clock.GetUtcNow();
        // The open tickets: their index keys on finished_as (migration 0030).
        var where = new SqlWhere().Add("t.finished_as IS NULL");
        ReportFilter.Narrow(query, where);
        var csv = query.WantsCsv();
        if (query.Errors.Any)
        {
            return query.Errors.ToProblem();
        }
        var sql = $"""
            SELECT t.status, count(*) AS tickets,
                   avg(extract(epoch FROM {where.Parameter(now)} - t.created_at))::double precision AS "meanAgeSeconds",
                   min(t.created_at) AS "oldestCreatedAt"
              FROM rm_tickets t LEFT JOIN rm_customers c ON c.customer_id = t.customer_id
              {where}
             GROUP BY t.status ORDER BY t.status
            """;
        if (csv)
        {
            return new CsvResult(where.Command(dataSource, sql), "backlog.csv");
        }
        await using var command = where.Command(dataSource, sql);
        var statuses = await ReadSide.RowsAsync(command, request.HttpContext.RequestAborted);
        return Results.Ok(new { at = now, open = statuses.Sum(s => (long)s["tickets"]!), statuses });
    }

    private static async Task<IResult> FiveFifteenThirty(HttpRequest request, IServiceProvider services, TimeProvider clock, IConfiguration configuration)
    {
        if (ReadSide.DataSource(services) is not { } dataSource)
        {
            return ReadSide.Unavailable();
        }
        var query = new SearchQuery(request.Query, ["region", "priority", "serviceType", "tier", "tz", "format"]);
        var csv = query.WantsCsv();
        var now = clock.GetUtcNow();
        var cancellationToken = request.HttpContext.RequestAborted;
        ReportFilter? Window(TimeSpan length, TimeSpan endsBefore) => ReportFilter.Parse(
            new SearchQuery(WithWindow(request.Query, now - endsBefore - length, now - endsBefore), [.. ReportFilter.Known]),
            now, ZoneSetting(configuration));
        _ = ReportFilter.Parse(query, now, ZoneSetting(configuration));
        if (query.Errors.Any)
        {
            return query.Errors.ToProblem();
        }
        var live = Window(TimeSpan.FromMinutes(5), TimeSpan.Zero)!;
        var team = Window(TimeSpan.FromDays(15), TimeSpan.Zero)!;
        var current = Window(TimeSpan.FromDays(30), TimeSpan.Zero)!;
        var previous = Window(TimeSpan.FromDays(30), TimeSpan.FromDays(30))!;
        await using var snapshot = await ReportSource.SnapshotAsync(dataSource, cancellationToken);
        var liveRows = await KpisAsync(snapshot, "none", live, cancellationToken);
        if (liveRows.Count == 0)
        {
            liveRows.Add(KpiReport.Empty("all")); // quiet minutes are a figure too
        }
        var teamRows = await KpisAsync(snapshot, "engineer", team, cancellationToken);
        var currentRows = await KpisAsync(snapshot, "tier", current, cancellationToken);
        var previousRows = await KpisAsync(snapshot, "tier", previous, cancellationToken);
        if (csv)
        {
            // One table: each row says which view it belongs to (live, team, current 30 days, previous 30 days).
            static IEnumerable<Dictionary<string, object?>> In(string view, List<Dictionary<string, object?>> rows) =>
                rows.Select(r => new Dictionary<string, object?>(r.Prepend(new("view", view))));
            return new CsvRowsResult([.. In("live", liveRows), .. In("team", teamRows), .. In("current", currentRows),
                .. In("previous", previousRows)], ["view", .. KpiReport.Columns], "5-15-30.csv");
        }
        return Results.Ok(new
        {
            at = now,
            live = liveRows[0],
            team = teamRows,
            customers = new { current = currentRows, previous = previousRows },
        });
    }

    /// <summary>
    /// Work can be stuck in a stage a ticket is open in; a finished ticket's stage (resolved and waiting for its survey,
    /// closed, cancelled) is left by itself and is never the bottleneck. Open is what the ticket's lifecycle says.
    /// </summary>
    private static bool MayBeStuckIn(string stage) =>
        !Enum.TryParse<TicketStatus>(stage, ignoreCase: false, out var status) || TicketLifecycle.IsOpen(status);

    private static QueryCollection WithWindow(IQueryCollection query, DateTimeOffset from, DateTimeOffset to)
    {
        // The window's own filter: what the view is asked as (format) is no filter.
        var values = query.Where(q => q.Key != "format").ToDictionary(q => q.Key, q => q.Value);
        values["from"] = from.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        values["to"] = to.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return new QueryCollection(values);
    }
}
