using System.Globalization;

namespace Dispatch.Silo.Projections;

/// <summary>
/// What one ticket adds to the daily report summary (rm_ticket_days, rm_ticket_day_facets), computed from the row and
/// stages the projector's fold holds: the rules of the views rm_ticket_kpi_facts and rm_ticket_facet_facts (migration
/// 0017), which the reports' edges and the summing of a customer's tickets (migration 0021) still read in SQL.
/// ReportSummaryTests pins that the two give the same summary; a change of either is a change of both.
/// </summary>
/// <remarks>
/// Values are decimals as PostgreSQL's numeric: a time difference is its extract(epoch ...), exact microseconds with
/// six decimals; a double becomes what its ::numeric cast gives (15 significant digits), so that the summary's rows hold
/// the same values, and the same scale, whichever of the two computed them.
/// </remarks>
internal sealed record TicketSummaryFacts(DateOnly Day, string Region, string Priority, string ServiceType, string? CustomerId,
    string EngineerId, decimal[] Measures, IReadOnlyList<SummaryFacet> Facets)
{
    /// <summary>The measures of rm_ticket_days, in the order of <see cref="Measures"/>.</summary>
    public static readonly string[] MeasureColumns =
    [
        "created", "resolved", "cancelled", "responded", "respond_seconds", "arrived", "arrive_seconds", "resolve_seconds",
        "resolve_net_seconds", "first_time_fixes", "breached", "kept", "surveys", "csat_sum", "nps_answers", "promoters",
        "detractors", "ces_answers", "ces_sum",
    ];

    /// <summary>The facts of a ticket as the read model holds it; its day is the day of its creation in <paramref name="zone"/>.</summary>
    public static TicketSummaryFacts Of(TicketRow row, IReadOnlyDictionary<string, StageTime> stages, TimeZoneInfo zone)
    {
        var resolved = row.ResolvedAt is not null;
        decimal[] measures =
        [
            1,
            Count(resolved),
            Count(row.CancelledAt is not null),
            Count(row.AcceptedAt is not null),
            SecondsSinceCreated(row, row.AcceptedAt),
            Count(row.OnSiteAt is not null),
            SecondsSinceCreated(row, row.OnSiteAt),
            SecondsSinceCreated(row, row.ResolvedAt),
            resolved ? SecondsSinceCreated(row, row.ResolvedAt) - Numeric(row.WaitingSeconds) : 0,
            Count(resolved && row.Visits <= 1 && row.Reopens == 0),
            Count(row.SlaState == "breached"),
            Count(row.SlaState != "breached"),
            Count(row.Csat is not null),
            row.Csat ?? 0,
            Count(row.Nps is not null),
            Count(row.Nps >= 9),
            Count(row.Nps <= 6),
            Count(row.Ces is not null),
            row.Ces ?? 0,
        ];
        var facets = new List<SummaryFacet>(stages.Count + row.BreachedClocks.Count);
        foreach (var (stage, time) in stages)
        {
            facets.Add(new SummaryFacet("stage", stage, Numeric(time.Seconds)));
        }
        foreach (var clock in row.BreachedClocks)
        {
            facets.Add(new SummaryFacet("breach", clock!, 0));
        }
        return new TicketSummaryFacts(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(row.CreatedAt, zone)),
            row.Region ?? "", row.Priority ?? "", row.ServiceType ?? "", row.CustomerId, row.EngineerId ?? "", measures, facets);
    }

    private static decimal Count(bool fact) => fact ? 1 : 0;

    /// <summary>extract(epoch FROM at - created_at): exact microseconds, six decimals; 0 (no decimals) when there is no such time.</summary>
    private static decimal SecondsSinceCreated(TicketRow row, DateTime? at) =>
        at is { } time ? (time - row.CreatedAt).Ticks / TimeSpan.TicksPerMicrosecond * 0.000001m : 0;

    /// <summary>double precision::numeric: PostgreSQL prints the double with 15 significant digits (DBL_DIG) and reads that back.</summary>
    private static decimal Numeric(double value) =>
        decimal.Parse(value.ToString("G15", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>What a ticket adds to one row of rm_ticket_day_facets: a stage (its completed seconds) or a breached SLA clock.</summary>
internal readonly record struct SummaryFacet(string Kind, string Name, decimal Seconds);
