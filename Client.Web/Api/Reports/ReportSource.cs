using Dispatch.Web.Api.Search;
using Npgsql;

namespace Dispatch.Web.Api.Reports;

/// <summary>
/// Where a report's sums come from: the whole days of its window from the daily summary the projector keeps
/// (rm_ticket_days, rm_ticket_day_facets; migration 0017), and what is left of the window from the tickets.
/// </summary>
/// <remarks>
/// A day counts as summed when the summary has rows for exactly that day of the report's zone (midnight to midnight);
/// the summary holds every ticket of a day it has rows for, in the transaction that projected them, so any split of the
/// window gives the answer the tickets give. A window that is not whole days (the last 5 minutes), a zone other than
/// the summary's, or a day without tickets reads the tickets.
/// </remarks>
public static class ReportSource
{
    /// <summary>A statement and its parameters.</summary>
    public sealed record Query(string Sql, SqlWhere Parameters)
    {
        public NpgsqlCommand Command(NpgsqlDataSource dataSource) => Parameters.Command(dataSource, Sql);
    }

    /// <summary>
    /// <paramref name="outer"/> (given the group key's column and the rows to aggregate) over the summary's rows of
    /// <paramref name="table"/> and the ticket rows of <paramref name="view"/>, both as <paramref name="columns"/>.
    /// </summary>
    public static Query Build(ReportFilter filter, string group, string table, string view, string columns,
        Func<string, string, string> outer, string condition)
    {
        var parameters = new SqlWhere();
        var from = parameters.Parameter(filter.From.ToUniversalTime());
        var to = parameters.Parameter(filter.To.ToUniversalTime());
        var zone = parameters.Parameter(filter.Zone.Id);
        // The rows with the engineer are many times those without: read them only when the report asks by engineer.
        var byEngineer = group == "engineer" || filter.Dimensions.EngineerId is not null ? "true" : "false";
        var also = condition == "" ? "" : " AND " + condition;
        var rows = $"""
            SELECT {GroupExpression(group, "d", zone)} AS group_key, {columns}
              FROM {table} d
             WHERE d.by_engineer = {byEngineer} AND d.day_start >= {from} AND d.day_start < {to}
               AND d.day_start IN (SELECT day_start FROM covered){filter.Dimensions.On("d", parameters)}{also}
            UNION ALL
            SELECT {GroupExpression(group, "f", zone)}, {columns}
              FROM uncovered u JOIN {view} f ON f.created_at >= lower(u.r) AND f.created_at < upper(u.r)
             WHERE true{filter.Dimensions.On("f", parameters)}{also}
            """;
        var sql = $$"""
            WITH covered AS (
                SELECT DISTINCT day_start, day_end FROM rm_ticket_days
                 WHERE NOT by_engineer AND day_start >= {{from}} AND day_end <= {{to}}
                   AND (day_start AT TIME ZONE {{zone}})::time = '00:00'
                   AND day_end = ((day_start AT TIME ZONE {{zone}}) + interval '1 day') AT TIME ZONE {{zone}}),
            uncovered AS (
                SELECT unnest(tstzmultirange(tstzrange({{from}}, {{to}}))
                              - coalesce((SELECT range_agg(tstzrange(day_start, day_end)) FROM covered), '{}'::tstzmultirange)) AS r)
            {{outer("group_key", rows)}}
            """;
        return new Query(sql, parameters);
    }

    /// <summary>The group's key on a row of the summary (alias d) or of the tickets (alias f, by creation time).</summary>
    private static string GroupExpression(string group, string alias, string zone) => group switch
    {
        "day" => alias == "d"
            ? $"to_char((d.day_start AT TIME ZONE {zone})::date, 'YYYY-MM-DD')"
            : $"to_char((f.created_at AT TIME ZONE {zone})::date, 'YYYY-MM-DD')",
        "region" => $"{alias}.region",
        "priority" => $"{alias}.priority",
        "serviceType" => $"{alias}.service_type",
        "engineer" => $"{alias}.engineer_id",
        "tier" => $"{alias}.tier",
        _ => "'all'",
    };
}
