using Dispatch.Domain.Sla;

namespace Dispatch.Domain.Tickets;

/// <summary>
/// The ticket moved through its lifecycle. <paramref name="EngineerId"/> is the engineer the move concerns (offered,
/// accepting, lapsing, released); <paramref name="Mark"/> the SLA moment it is, if any; <paramref name="RecordedAt"/>
/// when the server learnt of it; <paramref name="ExcludesEngineer"/> whether a lapsed offer's engineer is never
/// offered this ticket again.
/// </summary>
public sealed record TicketMoved(
    DateTimeOffset At,
    TicketActor By,
    string? Why,
    TicketAction Action,
    TicketStatus MovedFrom,
    TicketStatus MovedTo,
    string? EngineerId = null,
    DateTimeOffset? OfferExpiresAt = null,
    SlaEventKind? Mark = null,
    DateTimeOffset? RecordedAt = null,
    IReadOnlyDictionary<string, string>? MoveDetails = null,
    bool ExcludesEngineer = false) : TicketEvent(At, By, Why)
{
    public override string What => NameOf(Action);

    public override TicketStatus? From => MovedFrom;

    public override TicketStatus? To => MovedTo;

    public override IReadOnlyDictionary<string, string>? Details => MoveDetails;

    /// <summary>The timeline's name for a move by <paramref name="action"/>.</summary>
    public static string NameOf(TicketAction action) => "ticket." + action switch
    {
        TicketAction.Triage => "triaged",
        TicketAction.StartDispatch => "dispatching",
        TicketAction.Offer => "offered",
        TicketAction.AcceptOffer => "accepted",
        TicketAction.LapseOffer => "offer-lapsed",
        TicketAction.Release => "released",
        TicketAction.StartTravel => "en-route",
        TicketAction.Arrive => "on-site",
        TicketAction.Resolve => "resolved",
        TicketAction.Close => "closed",
        TicketAction.Wait => "waiting",
        TicketAction.Resume => "resumed",
        TicketAction.Cancel => "cancelled",
        TicketAction.Reopen => "reopened",
        _ => action.ToString().ToLowerInvariant(),
    };
}
