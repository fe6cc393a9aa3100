using Dispatch.Domain.Sla;

namespace Dispatch.Domain.Tickets;

/// <summary>
/// A person changed how urgent the ticket is. The ticket stays where it was (<paramref name="Status"/>); the SLA
/// policy that matches the new priority is the SLA side's to find.
/// </summary>
public sealed record PriorityChanged(DateTimeOffset At, TicketActor By, string? Why, TicketStatus Status, Priority FromPriority, Priority Priority)
    : TicketEvent(At, By, Why)
{
    public override string What => "ticket.priority-changed";

    public override TicketStatus? From => Status;

    public override TicketStatus? To => Status;

    public override IReadOnlyDictionary<string, string>? Details => new Dictionary<string, string>
    {
        ["from"] = FromPriority.ToString(),
        ["to"] = Priority.ToString(),
    };
}
