namespace Dispatch.Domain.Sla;

/// <summary>
/// The ordered policy list with its default. Order is the tie-breaker chosen by the administrator: put the
/// most specific policies (VIP P1 in a region) before the general ones; the first match wins.
/// </summary>
public sealed class SlaPolicyBook(IReadOnlyList<SlaPolicy> ordered, SlaPolicy fallback)
{
    public IReadOnlyList<SlaPolicy> Policies { get; } = ordered;

    /// <summary>Applies when no policy in the list matches, so every ticket always has a policy.</summary>
    public SlaPolicy Fallback { get; } = fallback;

    public SlaPolicy Match(TicketFacts facts) => Policies.FirstOrDefault(p => p.Match.Matches(facts)) ?? Fallback;

    /// <summary>A policy by id (e.g. a customer contract's override), including the fallback; null when unknown.</summary>
    public SlaPolicy? Find(string id) =>
        string.Equals(Fallback.Id, id, StringComparison.Ordinal)
            ? Fallback
            : Policies.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));
}
