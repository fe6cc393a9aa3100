using System.Globalization;
using System.Text.RegularExpressions;

namespace Dispatch.Web.Api.Search;

/// <summary>
/// GET /api/audit: the event log itself (who did what, when, why), newest first, by stream, type, actor
/// and time, paged by the log's position.
/// </summary>
public static partial class AuditTrail
{
    private static readonly string[] Known = ["stream", "type", "actor", "from", "to", "limit", "cursor", "format"];

    private const string Columns = """
        e.position, e.stream, e.sequence, e.type, e.at, e.actor_name AS "actorName", e.actor_role AS "actorRole",
        e.data, e.recorded_at AS "recordedAt"
        """;

    public static async Task<IResult> Read(HttpRequest request, IServiceProvider services)
    {
        if (ReadSide.DataSource(services) is not { } dataSource)
        {
            return ReadSide.Unavailable();
        }
        var query = new SearchQuery(request.Query, Known);
        var where = new SqlWhere();
        if (query.Line("stream", 200) is { } stream)
        {
            if (StreamPattern().IsMatch(stream))
            {
                where.Add("e.stream = {0}", stream);
            }
            else
            {
                query.Errors.Add("stream", "a stream: kind:id, e.g. ticket:t-1 or customer:c-1");
            }
        }
        if (query.Line("type", 100) is { } type)
        {
            if (TypePattern().IsMatch(type))
            {
                where.Add("e.type = {0}", type);
            }
            else
            {
                query.Errors.Add("type", "an event type, e.g. ticket.created or sla.breached");
            }
        }
        where.AddIf(query.Line("actor", 200), "e.actor_name = {0}");
        var (from, to) = (query.Time("from"), query.Time("to"));
        query.Ordered("from", from, "to", to);
        where.AddIf(from, "e.at >= {0}").AddIf(to, "e.at < {0}");
        var csv = query.WantsCsv();
        var limit = query.Limit();
        if (query.Cursor(1) is [var position])
        {
            if (long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var p))
            {
                where.Add("e.position < {0}", p);
            }
            else
            {
                query.Errors.Add("cursor", "not a cursor this endpoint returned");
            }
        }
        if (query.Errors.Any)
        {
            return query.Errors.ToProblem();
        }
        var sql = $"SELECT {Columns} FROM dispatch_events e {where} ORDER BY e.position DESC";
        if (csv)
        {
            return new CsvResult(where.Command(dataSource, sql.Replace("e.data,", "e.data::text AS data,", StringComparison.Ordinal)), "audit.csv");
        }
        return await where.PageAsync(dataSource, sql, limit,
            last => SearchQuery.EncodeCursor(((long)last["position"]!).ToString(CultureInfo.InvariantCulture)), request.HttpContext.RequestAborted);
    }

    [GeneratedRegex("^[a-z][a-z-]{0,31}:[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex StreamPattern();

    [GeneratedRegex("^[a-z][a-z0-9.-]{0,99}$")]
    private static partial Regex TypePattern();
}
