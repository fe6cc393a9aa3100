using Dispatch.Grains.Common;
using Dispatch.Grains.Customers;

namespace Dispatch.Grains.Tickets;

/// <summary>
/// A ticket (key: ticket id): its lifecycle, timeline, SLA clocks and escalations. Every command answers
/// with the ticket as it now is, or with a refusal that changed nothing.
/// </summary>
public interface ITicketGrain : IGrainWithStringKey
{
    /// <summary>Opens the ticket; opening it again (a retried intake) answers with the existing ticket.</summary>
    Task<TicketReply> Open(OpenTicket request, Actor by);

    Task<TicketReply> Triage(Actor by, string? note);

    Task<TicketReply> StartDispatch(Actor by, string? note);

    /// <summary>The ticket was offered to an engineer (by the dispatcher or by hand).</summary>
    Task<TicketReply> RecordOffer(string engineerId, Actor by, string? why);

    Task<TicketReply> AcceptOffer(string engineerId, Actor by, DateTimeOffset? at);

    /// <summary>The offered engineer declined, or the offer expired: back to dispatch.</summary>
    Task<TicketReply> LapseOffer(string engineerId, Actor by, string why);

    Task<TicketReply> ReportEnRoute(string engineerId, Actor by, DateTimeOffset? at);

    Task<TicketReply> ReportArrival(string engineerId, Actor by, DateTimeOffset? at);

    Task<TicketReply> Resolve(Actor by, string? notes, DateTimeOffset? at);

    Task<TicketReply> Wait(Actor by, string reason);

    Task<TicketReply> Resume(Actor by, string? note);

    Task<TicketReply> Cancel(Actor by, string reason);

    Task<TicketReply> Reopen(Actor by, string reason);

    Task<TicketReply> RecordSurvey(Survey survey, Actor by);

    Task<TicketView?> GetView();

    Task<SlaExplanationView?> ExplainSla();
}
