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

        public NpgsqlCommand Command(NpgsqlConnection connection) => Parameters.Command(connection, Sql);
    }

    /// <summary>
    /// A connection whose statements all read one snapshot of the read models, so that the figures of one answer (a
    /// report's rows and its breaches per clock, the four views of 5-15-30) never straddle a batch of the projector.
    /// Disposing it ends the read-only transaction.
    /// </summary>
    public static async Task<NpgsqlConnection> SnapshotAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var begin = new NpgsqlCommand("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", connection);
            await begin.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The days of the report's zone in its window the summary holds (midnight to midnight, in order): it has rows for a
    /// day as soon as a ticket of that day is projected, and from then on every ticket of the day.
    /// </summary>
    public static Task<IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)>> SummedDaysAsync(NpgsqlDataSource dataSource,
        ReportFilter filter, CancellationToken cancellationToken) =>
        SummedDaysAsync(dataSource.CreateCommand(SummedDaysSql), filter, cancellationToken);

    /// <inheritdoc cref="SummedDaysAsync(NpgsqlDataSource, ReportFilter, CancellationToken)"/>
    public static Task<IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)>> SummedDaysAsync(NpgsqlConnection connection,
        ReportFilter filter, CancellationToken cancellationToken) =>
        SummedDaysAsync(new NpgsqlCommand(SummedDaysSql, connection), filter, cancellationToken);

    private const string SummedDaysSql = """
        SELECT DISTINCT day_start, day_end FROM rm_ticket_days
         WHERE NOT by_engineer AND day_start >= $1 AND day_end <= $2
           AND (day_start AT TIME ZONE $3)::time = '00:00'
           AND day_end = ((day_start AT TIME ZONE $3) + interval '1 day') AT TIME ZONE $3
         ORDER BY day_start
        """;

    private static async Task<IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)>> SummedDaysAsync(NpgsqlCommand command,
        ReportFilter filter, CancellationToken cancellationToken)
    {
        await using var owned = command; // made by the overload, so disposed here
        command.Parameters.Add(new NpgsqlParameter { Value = filter.From.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = filter.To.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = filter.Zone.Id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var days = new List<(DateTimeOffset, DateTimeOffset)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add((reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }
        return days;
    }

    /// <summary>
    /// <paramref name="outer"/> (given the group key's column and the rows to aggregate) over the rows of
    /// <paramref name="table"/> for the <paramref name="summed"/> days and the ticket rows of <paramref name="view"/> for
    /// the rest of the window, both as <paramref name="columns"/>.
    /// </summary>
    public static Query Build(ReportFilter filter, IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> summed, string group,
        string table, string view, string columns, Func<string, string, string> outer, string condition)
    {
        var parameters = new SqlWhere();
        var zone = parameters.Parameter(filter.Zone.Id);
        var days = parameters.Parameter(summed.Select(d => d.Start.ToUniversalTime()).ToArray());
        // The rows with the engineer are many times those without: read them only when the report asks by engineer.
        var byEngineer = group == "engineer" || filter.Dimensions.EngineerId is not null ? "true" : "false";
        var also = condition == "" ? "" : " AND " + condition;
        // What the summed days leave of the window, as ranges of creation time: the tickets' index serves each.
        var rest = new List<string>();
        var from = filter.From.ToUniversalTime();
        foreach (var (start, end) in summed.Append((filter.To.ToUniversalTime(), filter.To.ToUniversalTime())))
        {
            if (start > from)
            {
                rest.Add($"(f.created_at >= {parameters.Parameter(from)} AND f.created_at < {parameters.Parameter(start.ToUniversalTime())})");
            }
            from = end.ToUniversalTime() > from ? end.ToUniversalTime() : from;
        }
        var sql = outer("group_key", $"""
            SELECT {GroupExpression(group, "d", zone)} AS group_key, {columns}
              FROM {table} d
             WHERE d.by_engineer = {byEngineer} AND d.day_start = ANY({days}){filter.Dimensions.On("d", parameters)}{also}
            UNION ALL
            SELECT {GroupExpression(group, "f", zone)}, {columns}
              FROM {view} f
             WHERE ({(rest.Count == 0 ? "false" : string.Join(" OR ", rest))}){filter.Dimensions.On("f", parameters)}{also}
            """);
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
