namespace Dispatch.Domain.Tickets;

/// <summary>
/// What a command to a <see cref="Ticket"/> comes to: the events to store (and apply), and the effects to carry
/// out once they are stored; or a refusal, which changes nothing.
/// </summary>
public sealed record Decision(IReadOnlyList<TicketEvent> Events, IReadOnlyList<TicketEffect> Effects, Refusal? Refusal)
{
    public bool Refused => Refusal is not null;

    public static Decision Refuse(RefusalCause cause, string why) => new([], [], new Refusal(cause, why));
}

public sealed record Refusal(RefusalCause Cause, string Why);

public enum RefusalCause
{
    /// <summary>The ticket is not where the command can happen (the lifecycle, or a window, says no).</summary>
    NotNow,

    /// <summary>The command is about an engineer who does not hold this ticket that way.</summary>
    NotYours,

    /// <summary>What was sent is not enough for the command (a service report that falls short of its rule).</summary>
    Incomplete,

    /// <summary>
    /// The ticket has not yet recorded what the command answers (the offer an engineer accepts): the same command may
    /// succeed in a moment, so the caller keeps what it holds.
    /// </summary>
    NotYet,
}
