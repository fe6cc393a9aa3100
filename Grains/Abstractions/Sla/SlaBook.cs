using Dispatch.Domain.Sla;

namespace Dispatch.Grains.Sla;

/// <summary>The SLA book in the domain's terms, ready to compute with: what tickets match and measure against.</summary>
public sealed record SlaBook(long Version, CalendarBook Calendars, SlaPolicyBook Policies, IReadOnlyList<EscalationRule> Rules)
{
    /// <summary>The policy for a ticket: its customer's contract policy when there is one, else the book's match.</summary>
    public SlaPolicy PolicyFor(TicketFacts facts, string? contractPolicyId) =>
        (contractPolicyId is null ? null : Policies.Find(contractPolicyId)) ?? Policies.Match(facts);
}
