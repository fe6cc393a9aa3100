namespace Dispatch.Domain.Tickets;

/// <summary>
/// A dispatcher chose the engineer. It heads the moves that take the ticket to that engineer's offer (each a
/// <see cref="TicketMoved"/> of <see cref="TicketLifecycle.Reassign"/>'s path); the ticket is where it was until they follow.
/// </summary>
public sealed record AssignedByHand(DateTimeOffset At, TicketActor By, string? Why, TicketStatus Status, string EngineerId) : TicketEvent(At, By, Why)
{
    public override string What => "ticket.assigned-by-hand";

    public override TicketStatus? From => Status;

    public override TicketStatus? To => Status;

    public override IReadOnlyDictionary<string, string>? Details => new Dictionary<string, string> { ["engineerId"] = EngineerId };
}
