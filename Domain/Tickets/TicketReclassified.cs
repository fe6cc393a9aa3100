namespace Dispatch.Domain.Tickets;

/// <summary>
/// Triage corrected what the ticket is: its service type and the skills it needs (a caller's "repair" turns out to
/// be a question, or needs a gas-safe engineer). The ticket stays where it was (<paramref name="Status"/>).
/// </summary>
public sealed record TicketReclassified(
    DateTimeOffset At,
    TicketActor By,
    string? Why,
    TicketStatus Status,
    string FromServiceType,
    string ServiceType,
    IReadOnlyList<string> FromSkills,
    IReadOnlyList<string> RequiredSkills) : TicketEvent(At, By, Why)
{
    public override string What => "ticket.reclassified";

    public override TicketStatus? From => Status;

    public override TicketStatus? To => Status;

    public override IReadOnlyDictionary<string, string>? Details => new Dictionary<string, string>
    {
        ["fromServiceType"] = FromServiceType,
        ["serviceType"] = ServiceType,
        ["fromSkills"] = string.Join(",", FromSkills),
        ["requiredSkills"] = string.Join(",", RequiredSkills),
    };
}
