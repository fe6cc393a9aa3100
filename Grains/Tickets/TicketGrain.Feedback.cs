using System.Globalization;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Common;
using Microsoft.Extensions.Logging;

namespace Dispatch.Grains.Tickets;

/// <summary>Negative feedback opens a follow-up ticket: one per survey, owned, on the SLA clocks of its own policy.</summary>
public sealed partial class TicketGrain
{
    /// <summary>The follow-up's id is derived from this ticket's, so that opening it again lands on the same ticket.</summary>
    public static string FeedbackFollowUpId(string ticketId) => ticketId + "-feedback";

    private async Task OpenFeedbackFollowUp(TicketSurvey survey)
    {
        var followUp = options.Value.FeedbackFollowUp;
        var request = T.Request!;
        var scores = string.Create(CultureInfo.InvariantCulture,
            $"CSAT {survey.Csat}{(survey.Nps is { } nps ? $", NPS {nps}" : "")}{(survey.Ces is { } ces ? $", CES {ces}" : "")}");
        var description = $"Owner: {followUp.Owner}. Negative feedback on ticket {Id} ({request.Title}): {scores}."
            + (survey.Comment is { Length: > 0 } comment ? $" The customer wrote: {comment}" : "");
        var open = new OpenTicket(request.CustomerId, $"Follow up negative feedback on {Id}", description[..Math.Min(description.Length, 4000)],
            followUp.ServiceType, followUp.Priority, request.Location, [], "survey", ExternalId: Id);
        var reply = await GrainFactory.Grain<ITicketGrain>(FeedbackFollowUpId(Id)).Open(open, new Actor("customer-survey", "system"));
        if (reply.Refusal is { } refusal)
        {
            logger.LogError("Could not open the follow-up of negative feedback on ticket {TicketId}: {Refusal}", Id, refusal.Message);
        }
    }
}
