using Dispatch.Domain.Sla;

namespace Dispatch.Domain.Customers;

/// <summary>What the health score needs to know about one of the customer's tickets.</summary>
/// <param name="OpenedAt">When the customer asked for help: counts towards request frequency.</param>
/// <param name="ResolvedAt">When the work was resolved; null while it is not.</param>
/// <param name="Severe">A P1 or P2 ticket: the customer's problems are serious ones.</param>
/// <param name="SlaBreached">A promise to this customer was broken on this ticket.</param>
public sealed record HealthTicket(DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, bool Severe, bool SlaBreached)
{
    /// <summary>P1 and P2 are the priorities that count as severe.</summary>
    public static bool IsSeverePriority(Priority priority) => priority <= Priority.P2;
}
