using Dispatch.Web.Api.Search;
using Dispatch.Web.Api.Tickets;

namespace Dispatch.Web.Api.Reports;

/// <summary>
/// What a report covers: tickets created in [from, to) (default: the last 30 days), narrowed by region,
/// priority, service type, engineer and customer tier; days counted in the service's time zone.
/// </summary>
public sealed record ReportFilter(DateTimeOffset From, DateTimeOffset To, TimeZoneInfo Zone, SqlWhere Where, ReportDimensions Dimensions)
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(30);

    /// <summary>The zone reports count days in unless ?tz= says otherwise: the zone of the service catalogue's calendars.</summary>
    public const string DefaultZone = "Asia/Shanghai";

    public static readonly string[] Known = ["from", "to", "tz", "region", "priority", "serviceType", "engineerId", "tier"];

    public static ReportFilter? Parse(SearchQuery query, DateTimeOffset now, string defaultZone, TimeSpan? window = null)
    {
        var to = query.Time("to") ?? now;
        var from = query.Time("from") ?? to - (window ?? DefaultWindow);
        query.Ordered("from", from, "to", to);
        var zoneName = query.Line("tz", 64) ?? defaultZone;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out var zone))
        {
            query.Errors.Add("tz", "an IANA time zone, e.g. Asia/Shanghai or Europe/Berlin");
        }
        var where = new SqlWhere().Add("t.created_at >= {0}", from).Add("t.created_at < {0}", to);
        var dimensions = Narrow(query, where);
        return query.Errors.Any ? null : new ReportFilter(from, to, zone!, where, dimensions);
    }

    /// <summary>The filters on the ticket's facts, shared with reports that are not windowed (the backlog).</summary>
    public static ReportDimensions Narrow(SearchQuery query, SqlWhere where)
    {
        var dimensions = new ReportDimensions(query.Identifier("region"), query.Identifier("serviceType"), query.Identifier("engineerId"),
            query.Identifier("tier"), query.AnyOf("priority", TicketRequestValidation.Priorities));
        where.AddIf(dimensions.Region, "t.region = {0}")
            .AddIf(dimensions.ServiceType, "t.service_type = {0}")
            .AddIf(dimensions.EngineerId, "t.engineer_id = {0}")
            .AddIf(dimensions.Tier, "c.tier = {0}");
        if (dimensions.Priorities is { } priorities)
        {
            where.Add("t.priority = ANY({0})", priorities);
        }
        return dimensions;
    }
}

/// <summary>The report's filters on the ticket's facts (null: not narrowed by it).</summary>
public sealed record ReportDimensions(string? Region, string? ServiceType, string? EngineerId, string? Tier, string[]? Priorities)
{
    /// <summary>The conditions on a row of rm_ticket_days or rm_ticket_kpi_facts (alias <paramref name="alias"/>), " AND ..." each.</summary>
    public string On(string alias, SqlWhere parameters)
    {
        var conditions = new System.Text.StringBuilder();
        void Add(object? value, string column, string op = "= {0}")
        {
            if (value is not null)
            {
                conditions.Append(" AND ").Append(alias).Append('.').Append(column).Append(' ')
                    .Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, op, parameters.Parameter(value)));
            }
        }
        Add(Region, "region");
        Add(ServiceType, "service_type");
        Add(EngineerId, "engineer_id");
        Add(Tier, "tier");
        Add(Priorities, "priority", "= ANY({0})");
        return conditions.ToString();
    }
}
