namespace Dispatch.Domain.Tickets;

/// <summary>Who did something to a ticket: a person in a role, or the system itself (timers, rules, dispatch).</summary>
public sealed record TicketActor(string Name, string Role)
{
    public static TicketActor System { get; } = new("system", "system");
}
