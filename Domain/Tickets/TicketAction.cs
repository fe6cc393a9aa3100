namespace Dispatch.Domain.Tickets;

/// <summary>What can happen to a ticket; the lifecycle decides which are possible from where.</summary>
public enum TicketAction
{
    Triage,
    StartDispatch,
    Offer,
    AcceptOffer,

    /// <summary>The offered engineer declined, or the offer expired: the ticket goes back to dispatch.</summary>
    LapseOffer,

    /// <summary>An accepted job given back (engineer offline, reassigned) before work started.</summary>
    Release,
    StartTravel,
    Arrive,
    Resolve,
    Close,
    Wait,
    Resume,
    Cancel,
    Reopen,
}
