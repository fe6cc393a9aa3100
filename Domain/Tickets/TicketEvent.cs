namespace Dispatch.Domain.Tickets;

/// <summary>Something that happened to a ticket: an entry of its timeline and of the event log.</summary>
/// <param name="At">The time that counts for it.</param>
public abstract record TicketEvent(DateTimeOffset At, TicketActor By, string? Why)
{
    /// <summary>The event's name on the timeline and in the event log ("ticket.offered").</summary>
    public abstract string What { get; }

    public virtual TicketStatus? From => null;

    public virtual TicketStatus? To => null;

    public abstract IReadOnlyDictionary<string, string>? Details { get; }
}
