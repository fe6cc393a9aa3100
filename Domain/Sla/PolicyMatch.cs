namespace Dispatch.Domain.Sla;

/// <summary>
/// Which tickets a policy applies to. Each list is a condition (null or empty = any); all conditions must
/// hold. A ticket without a region matches only policies that do not restrict regions.
/// </summary>
public sealed record PolicyMatch(
    IReadOnlyList<Priority>? Priorities = null,
    IReadOnlyList<string>? Tiers = null,
    IReadOnlyList<string>? ServiceTypes = null,
    IReadOnlyList<string>? Regions = null)
{
    public static PolicyMatch Any { get; } = new();

    public bool Matches(TicketFacts facts) =>
        FactMatching.Allows(Priorities, facts.Priority)
        && FactMatching.Allows(Tiers, facts.CustomerTier)
        && FactMatching.Allows(ServiceTypes, facts.ServiceType)
        && FactMatching.Allows(Regions, facts.Region);
}
