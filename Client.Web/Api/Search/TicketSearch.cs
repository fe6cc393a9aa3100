using System.Globalization;
using System.Security.Claims;
using Dispatch.Domain.Tickets;
using Dispatch.Web.Api.Tickets;
using Npgsql;

namespace Dispatch.Web.Api.Search;

/// <summary>GET /api/tickets: every ticket ever opened, from the read model, filtered, sorted and paged by cursor.</summary>
public static class TicketSearch
{
    /// <summary>
    /// What `status` may name: a ticket's status, or a group of them that TicketLifecycle decides, so that the console's
    /// tiles and the tickets page do not keep their own lists: `open`, `unassigned` (open and not yet offered to an
    /// engineer), `done` (resolved, closed or cancelled).
    /// </summary>
    private static readonly Dictionary<string, TicketStatus[]> StatusNames = Enum.GetValues<TicketStatus>()
        .Select(s => KeyValuePair.Create(s.ToString(), new[] { s }))
        .Append(KeyValuePair.Create("open", Enum.GetValues<TicketStatus>().Where(TicketLifecycle.IsOpen).ToArray()))
        .Append(KeyValuePair.Create("unassigned", Enum.GetValues<TicketStatus>().Where(TicketLifecycle.AwaitsEngineer).ToArray()))
        .Append(KeyValuePair.Create("done", Enum.GetValues<TicketStatus>().Where(s => !TicketLifecycle.IsOpen(s)).ToArray()))
        .ToDictionary();

    public static readonly string[] SlaStates = ["ok", "warning", "breached"];

    /// <summary>Sort keys: a leading '-' sorts newest first.</summary>
    public static readonly string[] Sorts = ["-createdAt", "createdAt", "-updatedAt", "updatedAt"];

    private static readonly string[] Known =
    [
        "status", "priority", "region", "customerId", "engineerId", "serviceType", "slaState", "breached", "createdFrom",
        "createdTo", "resolvedFrom", "resolvedTo", "breachedFrom", "breachedTo", "q", "sort", "limit", "cursor", "format",
    ];

    private const string Columns = """
        t.ticket_id AS "ticketId", t.customer_id AS "customerId", t.title, t.external_id AS "externalId", t.channel,
        t.priority, t.region, t.service_type AS "serviceType", t.status, t.engineer_id AS "engineerId",
        t.sla_state AS "slaState", t.breached_clocks AS "breachedClocks", t.escalation_level AS "escalationLevel",
        t.created_at AS "createdAt", t.accepted_at AS "acceptedAt", t.on_site_at AS "onSiteAt", t.resolved_at AS "resolvedAt",
        t.closed_at AS "closedAt", t.cancelled_at AS "cancelledAt", t.visits, t.reopens, t.csat, t.nps, t.updated_at AS "updatedAt",
        t.last_breached_at AS "lastBreachedAt"
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
        if (query.AnyOf("status", StatusNames.Keys) is { } names)
        {
            WithStatus(where, [.. names.SelectMany(n => StatusNames[n]).Distinct()]);
        }
        if (query.AnyOf("priority", TicketRequestValidation.Priorities) is { } priorities)
        {
            where.Add("t.priority = ANY({0})", priorities);
        }
        if (query.AnyOf("slaState", SlaStates) is { } slaStates)
        {
            where.Add("t.sla_state = ANY({0})", slaStates);
        }
        // Not a condition here: the engineer's tickets are read in two parts (below).
        var engineerId = query.Identifier("engineerId");
        where.AddIf(query.Identifier("region"), "t.region = {0}")
            .AddIf(query.Identifier("customerId"), "t.customer_id = {0}")
            .AddIf(query.Identifier("serviceType"), "t.service_type = {0}");
        if (query.Identifier("breached") is { } clock)
        {
            where.Add("t.breached_clocks @> ARRAY[{0}]::text[]", clock);
            // Implied (a clock's breach is what makes a ticket breached, and nothing makes it unbreached again), and what
            // lets the search walk the breached tickets' indexes newest first (migrations 0017 and 0023).
            where.Add("t.sla_state = 'breached'");
        }
        var (createdFrom, createdTo) = (query.Time("createdFrom"), query.Time("createdTo"));
        var (resolvedFrom, resolvedTo) = (query.Time("resolvedFrom"), query.Time("resolvedTo"));
        // A ticket's latest breach (migration 0031): "breached today" is the tickets whose latest breach is today.
        var (breachedFrom, breachedTo) = (query.Time("breachedFrom"), query.Time("breachedTo"));
        // Conditions on the tickets besides their creation time: then an index of rm_tickets may find fewer rows first.
        var filtersTickets = where.Count > 0 || engineerId is not null || resolvedFrom is not null || resolvedTo is not null
            || breachedFrom is not null || breachedTo is not null;
        query.Ordered("createdFrom", createdFrom, "createdTo", createdTo);
        query.Ordered("resolvedFrom", resolvedFrom, "resolvedTo", resolvedTo);
        query.Ordered("breachedFrom", breachedFrom, "breachedTo", breachedTo);
        // rm_ticket_text holds title, description and externalId, with the trigram index that serves ILIKE, and the
        // ticket's creation time: a search by text alone is ordered by that copy, so that it may read the text newest first
        // and stop at the page's last match (migrations 0023, 0024); with other conditions by rm_tickets' (open tickets with a
        // text found from the index of open tickets: 43 ms, ordered by the text's copy 323 ms). PostgreSQL carries
        // equalities from one table to the other, not ranges: a range of creation times and the cursor are on both tables.
        var text = query.Line("q", 200);
        var sort = query.OneOf("sort", Sorts, "-createdAt")!;
        var descending = sort.StartsWith('-');
        var key = sort.TrimStart('-') == "updatedAt" ? "updated_at" : "created_at";
        // A text with no other condition, in creation order: the page is cut from the text's matches, week by week
        // (TextByWeek), before any ticket is read. Joined first, a rare text (1,200 matches from the trigram index at
        // 600,000 tickets) had the ticket of every match read before the sort (5,900 buffers) to keep 51.
        var textAlone = text is not null && !filtersTickets && key == "created_at";
        string[] created = text is null ? ["t"] : textAlone ? ["x"] : ["t", "x"];
        foreach (var table in created)
        {
            where.AddIf(createdFrom, table + ".created_at >= {0}").AddIf(createdTo, table + ".created_at < {0}")
                // Implied (a ticket is resolved after it is created), and what lets the newest-first walk of the creation
                // index start at the window instead of at today (a day of resolutions three weeks back: 150 ms to 2 ms).
                .AddIf(resolvedTo, table + ".created_at < {0}").AddIf(breachedTo, table + ".created_at < {0}");
        }
        where.AddIf(resolvedFrom, "t.resolved_at >= {0}").AddIf(resolvedTo, "t.resolved_at < {0}");
        where.AddIf(breachedFrom, "t.last_breached_at >= {0}").AddIf(breachedTo, "t.last_breached_at < {0}");
        // The update time is ordered by its own table's index (migration 0030).
        var orderedBy = key == "updated_at" ? "u" : !filtersTickets ? created[^1] : "t";
        var csv = query.WantsCsv();
        var limit = query.Limit();
        if (query.Cursor(2) is [var ticks, var lastId])
        {
            if (long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && FieldErrors.IsIdentifier(lastId))
            {
                var after = new DateTimeOffset(t, TimeSpan.Zero);
                foreach (var table in key == "created_at" ? created : ["u"])
                {
                    where.Add($"({table}.{key}, {table}.ticket_id) {(descending ? "<" : ">")} ({{0}}, {{1}})", after, lastId);
                }
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
        // The span of creation times the other conditions allow, before the text joins them: the weeks a text alone walks.
        var span = where.ToString();
        if (text is not null)
        {
            where.Add("x.text ILIKE {0}", "%" + EscapeLike(text) + "%");
        }

        var direction = descending ? "DESC" : "ASC";
        var tables = (key == "updated_at" ? "rm_ticket_updates u JOIN rm_tickets t ON t.ticket_id = u.ticket_id" : "rm_tickets t")
            + (text is null ? "" : " JOIN rm_ticket_text x ON x.ticket_id = t.ticket_id");
        var order = $"ORDER BY {orderedBy}.{key} {direction}, {orderedBy}.ticket_id {direction}";
        // A page reads one row more, to know whether another follows (SqlWhere.PageAsync); a CSV reads them all.
        int? pageRows = csv ? null : limit + 1;
        var sql = textAlone
            ? $"SELECT {Columns} FROM ({TextByWeek(where, span, order, pageRows, descending)}) x JOIN rm_tickets t ON t.ticket_id = x.ticket_id {order}"
            : engineerId is null
            ? $"SELECT {Columns} FROM {tables} {where} {order}"
            : EngineersWork(where, where.Parameter(engineerId), tables, order, pageRows, key, direction);
        if (csv)
        {
            return new CsvResult(where.Command(dataSource, sql), "tickets.csv");
        }
        var keyColumn = key == "updated_at" ? "updatedAt" : "createdAt";
        return await where.PageAsync(dataSource, sql, limit, last => SearchQuery.EncodeCursor(
                ((DateTimeOffset)last[keyColumn]!).UtcTicks.ToString(CultureInfo.InvariantCulture), (string)last["ticketId"]!),
            request.HttpContext.RequestAborted);
    }

    /// <summary>
    /// The statuses asked for, as the indexes of rm_tickets find them (migration 0030): they key on the status a finished
    /// ticket ended in (finished_as), not on the status, which nearly every event changes. Open statuses are looked for
    /// among the open tickets, which are few; finished ones by their index.
    /// </summary>
    private static void WithStatus(SqlWhere where, TicketStatus[] asked)
    {
        var statuses = asked.Select(s => s.ToString()).ToArray();
        var open = asked.Select(TicketLifecycle.IsOpen).Distinct().ToArray();
        if (open is [true])
        {
            where.Add("t.finished_as IS NULL AND t.status = ANY({0})", statuses);
        }
        else if (statuses is [var finished])
        {
            // An equality, not "= ANY": then the index gives its tickets newest first, and a page of a rare one (Cancelled)
            // is read from it instead of from a walk of all tickets by creation time.
            where.Add("t.finished_as = {0}", finished);
        }
        else if (open is [false])
        {
            where.Add("t.finished_as = ANY({0})", statuses);
        }
        else
        {
            where.Add("t.status = ANY({0})", statuses);
        }
    }

    /// <summary>
    /// A text's matches in creation order, cut to the page, one week at a time (the trigram index holds each ticket's week,
    /// migration 0024): a rare text's candidates of one week are a few percent of all of them, each of which would
    /// otherwise be read and checked for a page of 51. The weeks run from the newest (oldest, ascending) the other
    /// conditions allow, as a lateral loop, which PostgreSQL runs in generate_series' order and the LIMIT stops as soon as
    /// the page is full; each week's matches come sorted, so the first rows of the loop are the first of the search.
    /// </summary>
    private static string TextByWeek(SqlWhere where, string span, string order, int? page, bool descending)
    {
        var (first, last, step) = descending ? ("max", "min", -1) : ("min", "max", 1);
        return $"""
            SELECT m.ticket_id, m.created_at
              FROM generate_series(dispatch_week((SELECT {first}(x.created_at) FROM rm_ticket_text x {span})),
                                   dispatch_week((SELECT {last}(x.created_at) FROM rm_ticket_text x {span})), {step}) AS w (week)
             CROSS JOIN LATERAL (
                   SELECT x.ticket_id, x.created_at FROM rm_ticket_text x {where.And("dispatch_week(x.created_at) = w.week")}
                   {order} {LimitTo(page)}) m
             {LimitTo(page)}
            """;
    }

    /// <summary>
    /// An engineer's work (engineers @> ARRAY[id]) in two disjoint parts, each first page read from an index in order or a
    /// small one (migration 0023): the tickets the engineer holds now, newest first from a btree (an engineer is among the
    /// engineers of what they hold: only an acceptance names the engineer, and it adds them to the engineers), and those
    /// they held before (reassigned, released, reopened: a few percent) from a GIN index of the tickets whose engineers are
    /// more than the one holding them. A UNION ALL with the conditions outside it would plan each part for all its rows:
    /// PostgreSQL does not flatten parts with WHERE clauses, so each part carries the conditions, order and page itself.
    /// The second part is read whole and then sorted (OFFSET 0 keeps the planner from walking the creation index for it
    /// instead: it cannot estimate how few tickets an engineer held before, and such a walk read 18,000 rows for 3).
    /// </summary>
    private static string EngineersWork(SqlWhere where, string engineerId, string tables, string order, int? page, string key,
        string direction)
    {
        var each = LimitTo(page);
        var byKey = $"ORDER BY t.{key} {direction}, t.ticket_id {direction}";
        var holds = where.And($"t.engineer_id = {engineerId}");
        var held = where.And($"t.engineers @> ARRAY[{engineerId}]::text[] AND t.engineers IS DISTINCT FROM ARRAY[t.engineer_id] "
            + $"AND t.engineer_id IS DISTINCT FROM {engineerId}");
        return $"""
            SELECT {Columns} FROM (
                (SELECT t.* FROM {tables} {holds} {order} {each})
                UNION ALL
                (SELECT * FROM (SELECT t.* FROM {tables} {held} OFFSET 0) t {byKey} {each})) t
            {byKey}
            """;
    }

    private static string LimitTo(int? rows) => rows is { } n ? $"LIMIT {n}" : "";

    /// <summary>The caller's text is searched for as written: % and _ are not wildcards.</summary>
    public static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
