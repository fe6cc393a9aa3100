namespace Dispatch.Domain.Sla;

/// <summary>Ticket priority, P1 the most urgent. Declared most-urgent first so "raise" means "one step towards P1".</summary>
public enum Priority
{
    P1,
    P2,
    P3,
    P4,
}
