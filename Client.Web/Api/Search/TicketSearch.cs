using System.Globalization;
using System.Security.Claims;
using Dispatch.Web.Api.Tickets;
using Npgsql;

namespace Dispatch.Web.Api.Search;

/// <summary>GET /api/tickets: every ticket ever opened, from the read model, filtered, sorted and paged by cursor.</summary>
public static class TicketSearch
{
    public static readonly string[] Statuses =
        ["New", "Triaged", "Dispatching", "Offered", "Accepted", "EnRoute", "OnSite", "Waiting", "Resolved", "Closed", "Cancelled"];

    public static readonly string[] SlaStates = ["ok", "warning", "breached"];

    /// <summary>Sort keys: a leading '-' sorts newest first.</summary>
    public static readonly string[] Sorts = ["-createdAt", "createdAt", "-updatedAt", "updatedAt"];

    private static readonly string[] Known =
    [
        "status", "priority", "region", "customerId", "engineerId", "serviceType", "slaState", "breached", "createdFrom",
        "createdTo", "resolvedFrom", "resolvedTo", "q", "sort", "limit", "cursor", "format",
    ];

    private const string Columns = """
        t.ticket_id AS "ticketId", t.customer_id AS "customerId", t.title, t.external_id AS "externalId", t.channel,
        t.priority, t.region, t.service_type AS "serviceType", t.status, t.engineer_id AS "engineerId",
        t.sla_state AS "slaState", t.breached_clocks AS "breachedClocks", t.escalation_level AS "escalationLevel",
        t.created_at AS "createdAt", t.accepted_at AS "acceptedAt", t.on_site_at AS "onSiteAt", t.resolved_at AS "resolvedAt",
        t.closed_at AS "closedAt", t.cancelled_at AS "cancelledAt", t.visits, t.reopens, t.csat, t.nps, t.updated_at AS "updatedAt"
        """;

    public static async Task<IResult> Search(HttpRequest request, ClaimsPrincipal user, IServiceProvider services)
    {
        if (ReadSide.DataSource(services) is not { } dataSource)
        {
            return ReadSide.Unavailable();
        }
        var query = new SearchQuery(request.Query, Known);
        var where = new SqlWhere();
        if (!ReadSideCaller.Restrict(user, where))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not yours to read");
        }
        if (query.AnyOf("status", Statuses) is { } statuses)
        {
            where.Add("t.status = ANY({0})", statuses);
        }
        if (query.AnyOf("priority", TicketRequestValidation.Priorities) is { } priorities)
        {
            where.Add("t.priority = ANY({0})", priorities);
        }
        if (query.AnyOf("slaState", SlaStates) is { } slaStates)
        {
            where.Add("t.sla_state = ANY({0})", slaStates);
        }
        where.AddIf(query.Identifier("region"), "t.region = {0}")
            .AddIf(query.Identifier("customerId"), "t.customer_id = {0}")
            .AddIf(query.Identifier("engineerId"), "t.engineers @> ARRAY[{0}]::text[]")
            .AddIf(query.Identifier("serviceType"), "t.service_type = {0}")
            .AddIf(query.Identifier("breached"), "t.breached_clocks @> ARRAY[{0}]::text[]");
        var (createdFrom, createdTo) = (query.Time("createdFrom"), query.Time("createdTo"));
        var (resolvedFrom, resolvedTo) = (query.Time("resolvedFrom"), query.Time("resolvedTo"));
        query.Ordered("createdFrom", createdFrom, "createdTo", createdTo);
        query.Ordered("resolvedFrom", resolvedFrom, "resolvedTo", resolvedTo);
        where.AddIf(createdFrom, "t.created_at >= {0}").AddIf(createdTo, "t.created_at < {0}")
            .AddIf(resolvedFrom, "t.resolved_at >= {0}").AddIf(resolvedTo, "t.resolved_at < {0}")
            // Implied (a ticket is resolved after it is created), and what lets the newest-first walk of the creation
            // index start at the window instead of at today (a day of resolutions three weeks back: 150 ms to 2 ms).
            .AddIf(resolvedTo, "t.created_at < {0}");
        if (query.Line("q", 200) is { } text)
        {
            // rm_ticket_text holds title, description and externalId, with the trigram index that serves ILIKE.
            where.Add("t.ticket_id IN (SELECT x.ticket_id FROM rm_ticket_text x WHERE x.text ILIKE {0})", "%" + EscapeLike(text) + "%");
        }
        var sort = query.OneOf("sort", Sorts, "-createdAt")!;
        var descending = sort.StartsWith('-');
        var key = sort.TrimStart('-') == "updatedAt" ? "t.updated_at" : "t.created_at";
        var csv = query.WantsCsv();
        var limit = query.Limit();
        if (query.Cursor(2) is [var ticks, var lastId])
        {
            if (long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && FieldErrors.IsIdentifier(lastId))
            {
                where.Add($"({key}, t.ticket_id) {(descending ? "<" : ">")} ({{0}}, {{1}})", new DateTimeOffset(t, TimeSpan.Zero), lastId);
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
        var sql = $"SELECT {Columns} FROM rm_tickets t {where} ORDER BY {key} {direction}, t.ticket_id {direction}";
        if (csv)
        {
            return new CsvResult(where.Command(dataSource, sql), "tickets.csv");
        }
        var keyColumn = key == "t.updated_at" ? "updatedAt" : "createdAt";
        return await where.PageAsync(dataSource, sql, limit, last => SearchQuery.EncodeCursor(
                ((DateTimeOffset)last[keyColumn]!).UtcTicks.ToString(CultureInfo.InvariantCulture), (string)last["ticketId"]!),
            request.HttpContext.RequestAborted);
    }

    /// <summary>The caller's text is searched for as written: % and _ are not wildcards.</summary>
    public static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
