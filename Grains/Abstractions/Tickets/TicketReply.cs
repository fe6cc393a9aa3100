namespace Dispatch.Grains.Tickets;

/// <summary>The answer to a ticket command: the ticket as it now is, or why nothing changed.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.ticket-reply")]
public sealed record TicketReply(
    [property: Id(0)] TicketView? Ticket,
    [property: Id(1)] TicketRefusal? Refusal,
    [property: Id(2)] bool Created = false)
{
    public static TicketReply Of(TicketView ticket, bool created = false) => new(ticket, null, created);

    public static TicketReply Refused(RefusalKind kind, string message, string? field = null) => new(null, new TicketRefusal(kind, message, field));
}

[GenerateSerializer, Immutable, Alias("dispatch.ticket-refusal")]
public sealed record TicketRefusal(
    [property: Id(0)] RefusalKind Kind,
    [property: Id(1)] string Message,
    [property: Id(2)] string? Field);

/// <summary>Why a command changed nothing; the web layer maps these to 400, 404, 409 and 403.</summary>
public enum RefusalKind
{
    /// <summary>A field's value is not acceptable (an unknown service type, customer or waiting reason).</summary>
    Invalid,
    NotFound,

    /// <summary>The transition does not exist from the ticket's current state.</summary>
    Conflict,

    /// <summary>The caller may not do this to this ticket (e.g. not its assigned engineer).</summary>
    Forbidden,

    /// <summary>An intake key (external id or Idempotency-Key) already opened this ticket with a different request.</summary>
    KeyReused,

    /// <summary>The ticket has not yet recorded what the command answers (an offer still being made): ask again shortly.</summary>
    NotYet,
}
