using Dispatch.Domain.Sla;
using Dispatch.Grains.Common;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Dispatching;

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

    /// <summary>
    /// A region reserved an engineer for this ticket: the offer is made, with why this engineer. The region acts only
    /// on a refusal, so the answer has no view of the ticket.
    /// </summary>
    Task<TicketAnswer> RecordOffer(string engineerId, Actor by, DateTimeOffset expiresAt, IReadOnlyList<ScoredCandidate> candidates);

    /// <summary>A dispatcher chooses the engineer, overriding the engine; any current offer or assignment is withdrawn.</summary>
    Task<TicketReply> AssignByHand(string engineerId, Actor by, string reason);

    /// <summary>The assigned engineer gave the job back before starting (went offline): back to dispatch.</summary>
    Task<TicketReply> ReleaseAssignment(string engineerId, Actor by, string why);

    Task<TicketReply> AcceptOffer(string engineerId, Actor by, DateTimeOffset? at);

    /// <summary>
    /// <see cref="AcceptOffer"/> for a caller that acts only on a refusal (an auto-accept region's engineer): the
    /// answer has no view of the ticket, which costs the ticket its SLA readings to build and the reply to copy.
    /// </summary>
    Task<TicketAnswer> RecordAccept(string engineerId, Actor by, DateTimeOffset? at);

    /// <summary>The offered engineer declined, or the offer expired: back to dispatch.</summary>
    Task<TicketReply> LapseOffer(string engineerId, Actor by, string why);

    Task<TicketReply> ReportEnRoute(string engineerId, Actor by, DateTimeOffset? at);

    Task<TicketReply> ReportArrival(string engineerId, Actor by, DateTimeOffset? at);

    Task<TicketReply> Resolve(Actor by, string? notes, DateTimeOffset? at);

    /// <summary>Resolved with the engineer's service report; refused (400 naming "report") when it falls short of the service type's rule.</summary>
    Task<TicketReply> ResolveWithReport(Actor by, ServiceReportInput report, DateTimeOffset? at);

    Task<TicketReply> Wait(Actor by, string reason);

    Task<TicketReply> Resume(Actor by, string? note);

    Task<TicketReply> Cancel(Actor by, string reason);

    Task<TicketReply> Reopen(Actor by, string reason);

    Task<TicketReply> RecordSurvey(Survey survey, Actor by);

    /// <summary>The customer confirms the job is done (event <c>CompletionConfirmed</c>); once per resolution.</summary>
    Task<TicketReply> ConfirmCompletion(Actor by);

    /// <summary>A dispatcher changes the priority; the SLA policy is matched again.</summary>
    Task<TicketReply> ChangePriority(Priority to, Actor by, string reason);

    /// <summary>
    /// Triage corrects the service type and the skills before an engineer is offered the job (event
    /// <c>ticket.reclassified</c>); the SLA policy is matched again.
    /// </summary>
    Task<TicketReply> Reclassify(string serviceType, IReadOnlyList<string> requiredSkills, Actor by, string? reason);

    /// <summary>An operator acknowledged one of this ticket's alerts.</summary>
    Task<TicketReply> AcknowledgeAlert(string alertId, Actor by);

    Task<TicketView?> GetView();

    /// <summary>Fires the checkpoints that are overdue, each once (the overdue sweep's nudge after a silo loss).</summary>
    Task CatchUp();

    Task<SlaExplanationView?> ExplainSla();
}
