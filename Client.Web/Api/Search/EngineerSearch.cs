using System.Globalization;
using System.Security.Claims;
using Dispatch.Web.Auth;

namespace Dispatch.Web.Api.Search;

/// <summary>
/// GET /api/engineers: engineers from the read model (rm_engineers, projected from their events), filtered, sorted and
/// paged by cursor. The dispatch center finds every engineer; an engineer finds only themself.
/// </summary>
public static class EngineerSearch
{
    public static readonly string[] Statuses = ["Offline", "Available", "Offered", "EnRoute", "OnSite", "OnBreak"];

    /// <summary>Sort keys: by name (the default), or by when they were last seen (a leading '-' puts the latest first).</summary>
    public static readonly string[] Sorts = ["name", "-name", "lastSeen", "-lastSeen"];

    private static readonly string[] Known =
        ["q", "status", "skills", "region", "onShift", "minJobs", "maxJobs", "ticketId", "seenFrom", "seenTo", "sort", "limit", "cursor", "format"];

    // Never-seen engineers sort as if seen at the epoch, so that every row has a key a cursor can name.
    private const string SeenKey = "coalesce(e.last_seen, 'epoch'::timestamptz)";

    private const string Columns = """
        e.engineer_id AS "engineerId", e.name, e.phone, e.status, e.presence, e.on_shift AS "onShift", e.skills,
        e.skill_levels AS "skillLevels", e.capacity, e.shift_calendar AS "shiftCalendar", e.region,
        e.offer_ticket_id AS "offerTicketId", e.jobs, e.job_count AS "jobCount", e.last_seen AS "lastSeen",
        e.last_lat AS "lastLat", e.last_lon AS "lastLon", e.position_flagged AS "positionFlagged",
        e.registered_at AS "registeredAt", e.updated_at AS "updatedAt"
        """;

    public static async Task<IResult> Search(HttpRequest request, ClaimsPrincipal user, IServiceProvider services)
    {
        if (ReadSide.DataSource(services) is not { } dataSource)
        {
            return ReadSide.Unavailable();
        }
        var query = new SearchQuery(request.Query, Known);
        var where = new SqlWhere();
        if (!IntakeCaller.ReadsEveryTicket(user))
        {
            if (!user.IsInRole(Roles.Engineer) || DispatchClaims.EngineerIdOf(user) is not { } self)
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not yours to read");
            }
            where.Add("e.engineer_id = {0}", self);
        }
        if (query.Line("q", 200) is { } text)
        {
            where.Add("(e.name ILIKE {0} OR e.engineer_id ILIKE {0})", "%" + TicketSearch.EscapeLike(text) + "%");
        }
        if (query.AnyOf("status", Statuses) is { } statuses)
        {
            where.Add("e.status = ANY({0})", statuses);
        }
        if (Skills(query) is { } skills)
        {
            where.Add("e.skills @> {0}", skills);
        }
        where.AddIf(query.Identifier("region"), "e.region = {0}")
            .AddIf(query.Identifier("ticketId"), "{0} = ANY(e.jobs)");
        switch (query.OneOf("onShift", ["true", "false"], "any"))
        {
            case "true":
                where.Add("e.on_shift");
                break;
            case "false":
                where.Add("NOT e.on_shift");
                break;
        }
        var (minJobs, maxJobs) = (Jobs(query, "minJobs"), Jobs(query, "maxJobs"));
        if (minJobs is { } min && maxJobs is { } max && min > max)
        {
            query.Errors.Add("maxJobs", "must not be below minJobs");
        }
        where.AddIf(minJobs, "e.job_count >= {0}").AddIf(maxJobs, "e.job_count <= {0}");
        var (seenFrom, seenTo) = (query.Time("seenFrom"), query.Time("seenTo"));
        query.Ordered("seenFrom", seenFrom, "seenTo", seenTo);
        where.AddIf(seenFrom, "e.last_seen >= {0}").AddIf(seenTo, "e.last_seen < {0}");

        var sort = query.OneOf("sort", Sorts, "name")!;
        var descending = sort.StartsWith('-');
        var bySeen = sort.TrimStart('-') == "lastSeen";
        var comparison = descending ? "<" : ">";
        var csv = query.WantsCsv();
        var limit = query.Limit();
        if (query.Cursor(2) is [var key, var lastId])
        {
            if (!FieldErrors.IsIdentifier(lastId))
            {
                query.Errors.Add("cursor", "not a cursor this endpoint returned");
            }
            else if (!bySeen)
            {
                where.Add($"(e.name, e.engineer_id) {comparison} ({{0}}, {{1}})", key, lastId);
            }
            else if (long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                where.Add($"({SeenKey}, e.engineer_id) {comparison} ({{0}}, {{1}})", new DateTimeOffset(ticks, TimeSpan.Zero), lastId);
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

        var direction = descending ? "DESC" : "ASC";
        var order = bySeen ? $"{SeenKey} {direction}, e.engineer_id {direction}" : $"e.name {direction}, e.engineer_id {direction}";
        var sql = $"SELECT {Columns} FROM rm_engineers e {where} ORDER BY {order}";
        if (csv)
        {
            return new CsvResult(where.Command(dataSource, sql), "engineers.csv");
        }
        return await where.PageAsync(dataSource, sql, limit, last => SearchQuery.EncodeCursor(
                bySeen ? ((last["lastSeen"] as DateTimeOffset?) ?? DateTimeOffset.UnixEpoch).UtcTicks.ToString(CultureInfo.InvariantCulture) : (string)last["name"]!,
                (string)last["engineerId"]!),
            request.HttpContext.RequestAborted);
    }

    /// <summary>skills=plumbing,hvac: engineers who have every one of them.</summary>
    private static string[]? Skills(SearchQuery query)
    {
        if (query.Line("skills", 2000) is not { } raw)
        {
            return null;
        }
        var skills = raw.Split(',').Select(s => s.Trim()).ToArray();
        if (skills.Length > 50 || skills.Any(s => !FieldErrors.IsIdentifier(s)))
        {
            query.Errors.Add("skills", "a comma-separated list of at most 50 skill ids");
            return null;
        }
        return [.. skills.Distinct(StringComparer.Ordinal)];
    }

    private static int? Jobs(SearchQuery query, string name) =>
        query.Has(name) ? query.Number(name, 0, 1000, 0) : null;
}
