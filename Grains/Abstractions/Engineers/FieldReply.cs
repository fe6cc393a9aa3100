using Dispatch.Grains.Tickets;

namespace Dispatch.Grains.Engineers;

/// <summary>The answer to an engineer's command: the engineer as they now are, or why nothing changed.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.field-reply")]
public sealed record FieldReply(
    [property: Id(0)] EngineerView? Engineer,
    [property: Id(1)] TicketRefusal? Refusal,
    [property: Id(2)] TicketView? Ticket = null)
{
    /// <summary>The action was taken; the caller asked for no views (<see cref="ReplyDetail.OutcomeOnly"/>).</summary>
    public static FieldReply Taken { get; } = new(null, null);

    public static FieldReply Refused(RefusalKind kind, string message, string? field = null) => new(null, new TicketRefusal(kind, message, field));
}
