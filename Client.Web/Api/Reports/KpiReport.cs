namespace Dispatch.Web.Api.Reports;

/// <summary>
/// The KPIs over the tickets created in a window, whole or grouped: volumes, mean time to respond (created →
/// accepted), to arrive (→ on site) and to resolve (MTTR), first-time-fix rate (resolved, at most one visit,
/// never reopened), SLA compliance and breaches per clock, CSAT, NPS (% promoters 9–10 − % detractors 0–6) and
/// CES (customer effort, 1–7). The time to resolve is also given without the time spent waiting (the SLA clocks' pauses).
/// </summary>
public static class KpiReport
{
    /// <summary>Group keys; "day" is the creation day in the report's time zone.</summary>
    public static readonly string[] Groups = ["none", "day", "region", "priority", "serviceType", "engineer", "tier"];

    /// <summary>The scalar columns of <see cref="Sql"/>, in its order.</summary>
    public static readonly string[] Columns =
    [
        "group", "created", "resolved", "cancelled", "meanSecondsToRespond", "meanSecondsToArrive", "meanSecondsToResolve",
        "meanSecondsToResolveExcludingWaiting", "firstTimeFixRate", "breached", "slaCompliance", "surveys", "meanCsat", "nps", "meanCes",
    ];

    /// <summary>A group without tickets: counts are zero, means unknown.</summary>
    public static Dictionary<string, object?> Empty(string group) => new()
    {
        ["group"] = group, ["created"] = 0L, ["resolved"] = 0L, ["cancelled"] = 0L, ["breached"] = 0L, ["surveys"] = 0L,
        ["breachesByClock"] = new Dictionary<string, long>(), ["complianceByClock"] = new Dictionary<string, double>(),
    };

    private const string From = "FROM rm_tickets t LEFT JOIN rm_customers c ON c.customer_id = t.customer_id";

    public static string GroupExpression(string group, ReportFilter filter) => group switch
    {
        "day" => $"to_char((t.created_at AT TIME ZONE {filter.Where.Parameter(filter.Zone.Id)})::date, 'YYYY-MM-DD')",
        "region" => "coalesce(t.region, '')",
        "priority" => "coalesce(t.priority, '')",
        "serviceType" => "coalesce(t.service_type, '')",
        "engineer" => "coalesce(t.engineer_id, '')",
        "tier" => "coalesce(c.tier, '')",
        _ => "'all'",
    };

    public static string Sql(string key, ReportFilter filter) => $"""
        SELECT {key} AS "group",
               count(*) AS created,
               count(t.resolved_at) AS resolved,
               count(t.cancelled_at) AS cancelled,
               avg(extract(epoch FROM t.accepted_at - t.created_at))::double precision AS "meanSecondsToRespond",
               avg(extract(epoch FROM t.on_site_at - t.created_at))::double precision AS "meanSecondsToArrive",
               avg(extract(epoch FROM t.resolved_at - t.created_at))::double precision AS "meanSecondsToResolve",
               avg(extract(epoch FROM t.resolved_at - t.created_at) - t.waiting_seconds)::double precision
                   AS "meanSecondsToResolveExcludingWaiting",
               (count(*) FILTER (WHERE t.resolved_at IS NOT NULL AND t.visits <= 1 AND t.reopens = 0))::double precision
                   / nullif(count(t.resolved_at), 0) AS "firstTimeFixRate",
               count(*) FILTER (WHERE t.sla_state = 'breached') AS breached,
               (count(*) FILTER (WHERE t.sla_state <> 'breached'))::double precision / nullif(count(*), 0) AS "slaCompliance",
               count(t.csat) AS surveys,
               avg(t.csat)::double precision AS "meanCsat",
               100.0 * (count(*) FILTER (WHERE t.nps >= 9) - count(*) FILTER (WHERE t.nps <= 6))::double precision
                   / nullif(count(t.nps), 0) AS nps,
               avg(t.ces)::double precision AS "meanCes"
          {From}
          {filter.Where}
         GROUP BY 1 ORDER BY 1
        """;

    /// <summary>Tickets that breached each SLA clock, per group.</summary>
    public static string BreachesSql(string key, ReportFilter filter) => $"""
        SELECT {key} AS "group", clock, count(*) AS tickets
          {From} CROSS JOIN LATERAL unnest(t.breached_clocks) AS clock
          {filter.Where}
         GROUP BY 1, 2
        """;

    /// <summary>Completed time in each status (a status is left to count), per ticket on average and in total.</summary>
    public static string StagesSql(ReportFilter filter) => $"""
        SELECT s.stage, count(*) AS tickets, sum(s.seconds) AS "totalSeconds", avg(s.seconds) AS "meanSeconds"
          {From} JOIN rm_ticket_stages s ON s.ticket_id = t.ticket_id
          {filter.Where}
         GROUP BY s.stage ORDER BY avg(s.seconds) DESC
        """;
}
