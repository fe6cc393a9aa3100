namespace Dispatch.Grains.Tickets;

/// <summary>
/// The answer to a ticket command from a caller that acts only on whether it was taken (the region recording its
/// offer): why nothing changed, or null. It carries no view of the ticket, which such a caller never reads and the
/// ticket would otherwise build, clocks and timeline, for every offer.
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatch.ticket-answer")]
public sealed record TicketAnswer([property: Id(0)] TicketRefusal? Refusal)
{
    public static TicketAnswer Taken { get; } = new(Refusal: null);
}
