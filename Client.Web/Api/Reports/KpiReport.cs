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

    /// <summary>The sums and counts the KPIs are made of: columns of rm_ticket_days and of rm_ticket_kpi_facts alike.</summary>
    private const string Measures = "created, resolved, cancelled, responded, respond_seconds, arrived, arrive_seconds, resolve_seconds, "
        + "resolve_net_seconds, first_time_fixes, breached, kept, surveys, csat_sum, nps_answers, promoters, detractors, ces_answers, ces_sum";

    /// <summary>
    /// The KPIs per group: whole days of the window from the daily summary, the rest (edges, a short window, days the
    /// summary counts in another zone) from the tickets, both as the sums and counts each KPI divides.
    /// </summary>
    public static ReportSource.Query Sql(string group, ReportFilter filter, IReadOnlyList<(DateTimeOffset, DateTimeOffset)> summed) =>
        ReportSource.Build(filter, summed, group, "rm_ticket_days", "rm_ticket_kpi_facts", Measures,
        (key, from) => $$"""
            SELECT {{key}} AS "group",
                   sum(created)::bigint AS created,
                   sum(resolved)::bigint AS resolved,
                   sum(cancelled)::bigint AS cancelled,
                   (sum(respond_seconds) / nullif(sum(responded), 0))::double precision AS "meanSecondsToRespond",
                   (sum(arrive_seconds) / nullif(sum(arrived), 0))::double precision AS "meanSecondsToArrive",
                   (sum(resolve_seconds) / nullif(sum(resolved), 0))::double precision AS "meanSecondsToResolve",
                   (sum(resolve_net_seconds) / nullif(sum(resolved), 0))::double precision AS "meanSecondsToResolveExcludingWaiting",
                   sum(first_time_fixes)::double precision / nullif(sum(resolved), 0) AS "firstTimeFixRate",
                   sum(breached)::bigint AS breached,
                   sum(kept)::double precision / nullif(sum(created), 0) AS "slaCompliance",
                   sum(surveys)::bigint AS surveys,
                   (sum(csat_sum)::numeric / nullif(sum(surveys), 0))::double precision AS "meanCsat",
                   100.0 * (sum(promoters) - sum(detractors))::double precision / nullif(sum(nps_answers), 0) AS nps,
                   (sum(ces_sum)::numeric / nullif(sum(ces_answers), 0))::double precision AS "meanCes"
              FROM ({{from}}) x
             GROUP BY 1 HAVING sum(created) > 0 ORDER BY 1
            """, "");

    /// <summary>Tickets that breached each SLA clock, per group.</summary>
    public static ReportSource.Query BreachesSql(string group, ReportFilter filter, IReadOnlyList<(DateTimeOffset, DateTimeOffset)> summed) =>
        ReportSource.Build(filter, summed, group,
        "rm_ticket_day_facets", "rm_ticket_facet_facts", "kind, name, tickets, seconds",
        (key, from) => $"""
            SELECT {key} AS "group", name AS clock, sum(tickets)::bigint AS tickets
              FROM ({from}) x
             GROUP BY 1, 2 HAVING sum(tickets) > 0
            """, "kind = 'breach'");

    /// <summary>Completed time in each status (a status is left to count), per ticket on average and in total.</summary>
    public static ReportSource.Query StagesSql(ReportFilter filter, IReadOnlyList<(DateTimeOffset, DateTimeOffset)> summed) =>
        ReportSource.Build(filter, summed, "none",
        "rm_ticket_day_facets", "rm_ticket_facet_facts", "kind, name, tickets, seconds",
        (_, from) => $"""
            SELECT name AS stage, sum(tickets)::bigint AS tickets, sum(seconds)::double precision AS "totalSeconds",
                   (sum(seconds) / sum(tickets))::double precision AS "meanSeconds"
              FROM ({from}) x
             GROUP BY name HAVING sum(tickets) > 0 ORDER BY 4 DESC
            """, "kind = 'stage'");
}
