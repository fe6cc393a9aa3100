namespace Dispatch.Domain.Sla;

/// <summary>
/// The conditions of a multi-condition escalation rule; all must hold (null or empty list = any).
/// </summary>
/// <param name="NotReached">
/// The milestone the rule waits for (e.g. <see cref="SlaEventKind.OfferAccepted"/>): once the timeline has it,
/// the rule no longer applies. Null means the rule is purely time-based.
/// </param>
public sealed record RuleCondition(
    IReadOnlyList<string>? Tiers = null,
    IReadOnlyList<Priority>? Priorities = null,
    IReadOnlyList<string>? ServiceTypes = null,
    SlaEventKind? NotReached = null,
    IReadOnlyList<string>? Regions = null)
{
    public bool Matches(TicketFacts facts) =>
        FactMatching.Allows(Tiers, facts.CustomerTier)
        && FactMatching.Allows(Priorities, facts.Priority)
        && FactMatching.Allows(ServiceTypes, facts.ServiceType)
        && FactMatching.Allows(Regions, facts.Region);
}
