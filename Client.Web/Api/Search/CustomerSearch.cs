
namespace Dispatch.Web.Api.Search;

/// <summary>GET /api/customers: customers by name, tier and health, from the read model, paged by name.</summary>
public static class CustomerSearch
{
    /// <summary>low: a health alert was raised (customer.health-low), with the score it fell to.</summary>
    public static readonly string[] Health = ["low"];

    private static readonly string[] Known = ["q", "tier", "health", "limit", "cursor", "format"];

    private const string Columns = """
        c.customer_id AS "customerId", c.name, c.tier, c.phone, c.email, c.surveys,
        CASE WHEN c.surveys > 0 THEN round(c.csat_sum::numeric / c.surveys, 2) END AS "meanCsat",
        c.last_health_score AS "lastLowHealthScore", c.health_low_at AS "healthLowAt",
        c.registered_at AS "registeredAt", c.updated_at AS "updatedAt",
        (SELECT count(*) FROM rm_tickets t WHERE t.customer_id = c.customer_id
            AND t.finished_as IS NULL) AS "openTickets"
        """;

    public static async Task<IResult> Search(HttpRequest request, IServiceProvider services)
    {
        if (ReadSide.DataSource(services) is not { } dataSource)
        {
            return ReadSide.Unavailable();
        }
        var query = new SearchQuery(request.Query, Known);
        var where = new SqlWhere();
        if (query.Line("q", 200) is { } text)
        {
            where.Add("(c.name ILIKE {0} OR c.customer_id ILIKE {0})", "%" + TicketSearch.EscapeLike(text) + "%");
        }
        where.AddIf(query.Identifier("tier"), "c.tier = {0}");
        if (query.AnyOf("health", Health) is not null)
        {
            where.Add("c.health_low_at IS NOT NULL");
        }
        var csv = query.WantsCsv();
        var limit = query.Limit();
        if (query.Cursor(2) is [var name, var id])
        {
            where.Add("(c.name, c.customer_id) > ({0}, {1})", name, id);
        }
        if (query.Errors.Any)
        {
            return query.Errors.ToProblem();
        }
        var sql = $"SELECT {Columns} FROM rm_customers c {where} ORDER BY c.name, c.customer_id";
        if (csv)
        {
            return new CsvResult(where.Command(dataSource, sql), "customers.csv");
        }
        return await where.PageAsync(dataSource, sql, limit,
            last => SearchQuery.EncodeCursor((string)last["name"]!, (string)last["customerId"]!), request.HttpContext.RequestAborted);
    }
}
