namespace Dispatch.Domain.Customers;

/// <summary>
/// The weights and windows of the health score. The four maximum penalties add up to 100, so a customer who
/// is worst on every factor scores 0, and each factor's share of the 100 says how much it matters:
/// broken promises most, then frequency and satisfaction, then severity.
/// </summary>
public sealed record HealthScoringRules
{
    public static HealthScoringRules Default { get; } = new();

    /// <summary>The window in which requests are counted (and the severity share is taken).</summary>
    public TimeSpan FrequencyWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Requests in the window that are normal for any customer and cost nothing.</summary>
    public int UsualTicketsPerWindow { get; init; } = 2;

    /// <summary>Each request beyond the usual costs this many points.</summary>
    public int PointsPerExtraTicket { get; init; } = 5;

    public int MaxFrequencyPenalty { get; init; } = 25;

    /// <summary>Taken in full when every recent ticket is P1/P2, in proportion otherwise.</summary>
    public int MaxSeverityPenalty { get; init; } = 20;

    /// <summary>The window of resolved tickets whose SLA outcome counts.</summary>
    public TimeSpan BreachWindow { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Taken in full when every resolved ticket breached, in proportion otherwise.</summary>
    public int MaxBreachPenalty { get; init; } = 30;

    /// <summary>How many of the latest surveys make the "recent" CSAT average.</summary>
    public int RecentSurveys { get; init; } = 10;

    /// <summary>Surveys older than this no longer say how the customer feels now.</summary>
    public TimeSpan SatisfactionWindow { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Taken in full at an average CSAT of 1, nothing at 5, linearly between.</summary>
    public int MaxSatisfactionPenalty { get; init; } = 25;
}
