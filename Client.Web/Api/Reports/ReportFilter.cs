using Dispatch.Web.Api.Search;
using Dispatch.Web.Api.Tickets;

namespace Dispatch.Web.Api.Reports;

/// <summary>
/// What a report covers: tickets created in [from, to) (default: the last 30 days), narrowed by region,
/// priority, service type, engineer and customer tier; days counted in the service's time zone.
/// </summary>
public sealed record ReportFilter(DateTimeOffset From, DateTimeOffset To, TimeZoneInfo Zone, SqlWhere Where)
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
        Narrow(query, where);
        return query.Errors.Any ? null : new ReportFilter(from, to, zone!, where);
    }

    /// <summary>The filters on the ticket's facts, shared with reports that are not windowed (the backlog).</summary>
    public static void Narrow(SearchQuery query, SqlWhere where)
    {
        where.AddIf(query.Identifier("region"), "t.region = {0}")
            .AddIf(query.Identifier("serviceType"), "t.service_type = {0}")
            .AddIf(query.Identifier("engineerId"), "t.engineer_id = {0}")
            .AddIf(query.Identifier("tier"), "c.tier = {0}");
        if (query.AnyOf("priority", TicketRequestValidation.Priorities) is { } priorities)
        {
            where.Add("t.priority = ANY({0})", priorities);
        }
    }
}
