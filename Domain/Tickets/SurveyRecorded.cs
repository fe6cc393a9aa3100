using System.Globalization;

namespace Dispatch.Domain.Tickets;

/// <summary>The customer answered the survey; the ticket stays where it was (<paramref name="Status"/>).</summary>
public sealed record SurveyRecorded(DateTimeOffset At, TicketActor By, TicketStatus Status, TicketSurvey Survey) : TicketEvent(At, By, Survey.Comment)
{
    public override string What => "ticket.survey";

    public override TicketStatus? From => Status;

    public override TicketStatus? To => Status;

    public override IReadOnlyDictionary<string, string>? Details
    {
        get
        {
            var details = new Dictionary<string, string> { ["csat"] = Survey.Csat.ToString(CultureInfo.InvariantCulture) };
            if (Survey.Nps is { } nps)
            {
                details["nps"] = nps.ToString(CultureInfo.InvariantCulture);
            }
            if (Survey.Ces is { } ces)
            {
                details["ces"] = ces.ToString(CultureInfo.InvariantCulture);
            }
            if (Survey.BlamedStage is { } stage)
            {
                details["blamedStage"] = stage;
            }
            return details;
        }
    }
}
