using Dispatch.Domain.Geo;
using Dispatch.Grains.Tickets;

namespace Dispatch.Web.CustomerLinks;

/// <summary>
/// A ticket as its customer sees it through the status link: where it stands in plain words, what happens next,
/// the engineer's first name and ETA, and where the engineer is while on the way. Nothing else of the ticket (no
/// SLA, no timeline, no other ticket or engineer) leaves the server.
/// </summary>
/// <param name="Stage">received, finding-engineer, engineer-assigned, on-the-way, on-site, on-hold, done, closed, cancelled.</param>
/// <param name="EngineerAt">The engineer's last reported position, only while on the way.</param>
public sealed record CustomerTicketView(
    string Reference,
    string Title,
    string Stage,
    string Status,
    string Next,
    string? EngineerFirstName,
    DateTimeOffset? Eta,
    Position Location,
    Position? EngineerAt,
    bool CanConfirm,
    bool CanSayNotDone,
    bool CanTakeSurvey,
    bool Confirmed,
    bool Surveyed,
    DateTimeOffset UpdatedAt);
