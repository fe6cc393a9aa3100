namespace Dispatch.Grains.Events;

/// <summary>Stream names in the event log.</summary>
public static class EventStreams
{
    public static string Ticket(string ticketId) => $"ticket:{ticketId}";

    public static string Customer(string customerId) => $"customer:{customerId}";

    public static string Engineer(string engineerId) => $"engineer:{engineerId}";
}
