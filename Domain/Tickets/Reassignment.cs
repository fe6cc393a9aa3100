namespace Dispatch.Domain.Tickets;

/// <summary>The lifecycle's answer to a dispatcher choosing the engineer: the moves to a fresh offer, or why there are none.</summary>
public sealed record Reassignment(IReadOnlyList<TicketAction> Path, string? Refusal)
{
    public bool Allowed => Refusal is null;
}
