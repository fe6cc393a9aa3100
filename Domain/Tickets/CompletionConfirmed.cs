namespace Dispatch.Domain.Tickets;

/// <summary>
/// The customer confirmed the job is done (the "completion confirmed" integrators wait for, e.g. to bill). The
/// ticket stays where it was (<paramref name="Status"/>): the survey or the survey window closes it.
/// </summary>
public sealed record CompletionConfirmed(DateTimeOffset At, TicketActor By, TicketStatus Status) : TicketEvent(At, By, null)
{
    public override string What => "ticket.completion-confirmed";

    public override TicketStatus? From => Status;

    public override TicketStatus? To => Status;

    public override IReadOnlyDictionary<string, string>? Details => null;
}
