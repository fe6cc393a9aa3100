using System.Text.Json;
using Dispatch.Domain.Engineers;

namespace Dispatch.Grains.Engineers;

/// <summary>
/// The JSON data of engineer events: what the change was, and the engineer as they stand after it ("engineer"),
/// so that the read model needs no other event to show them (engineers stored before events were logged appear
/// with their first event).
/// </summary>
internal static class EngineerEventData
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Of(EngineerEvent happened, Engineer after) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>(Change(happened)) { ["why"] = happened.Why, ["engineer"] = Standing(after) }, Json);

    private static IEnumerable<KeyValuePair<string, object?>> Change(EngineerEvent happened) => happened switch
    {
        EngineerRegistered r => [new("profile", Profile(r.Card))],
        ProfileChanged p => [new("profile", Profile(p.Card)), new("changed", p.Changed)],
        SkillsChanged s => [new("skills", s.Skills)],
        CapacityChanged c => [new("from", c.From), new("to", c.To)],
        PresenceChanged p => [new("from", p.From.ToString()), new("to", p.To.ToString())],
        JobOffered o => [new("ticketId", o.Offer.TicketId), new("expiresAt", o.Offer.ExpiresAt), new("distanceMeters", Math.Round(o.Offer.DistanceMeters, 1))],
        OfferReleased o => [new("ticketId", o.TicketId)],
        JobAccepted a => [new("ticketId", a.TicketId)],
        JobAdvanced a => [new("ticketId", a.TicketId), new("to", a.To.ToString())],
        JobReleased r => [new("ticketId", r.TicketId)],
        JobFinished f => [new("ticketId", f.TicketId)],
        PositionReported p => [new("lat", p.Fix.Point.Lat), new("lon", p.Fix.Point.Lon), new("accuracyMeters", p.Fix.AccuracyMeters), new("flagged", p.Fix.Flagged)],
        RegionChanged r => [new("from", r.From), new("to", r.To)],
        _ => [],
    };

    private static object Profile(EngineerCard card) => new
    {
        name = card.Name,
        skills = card.Skills,
        homeBase = new { lat = card.HomeBase.Lat, lon = card.HomeBase.Lon },
        shiftCalendar = card.ShiftCalendar,
        capacity = card.Capacity,
        phone = card.Phone,
    };

    private static object? Standing(Engineer engineer)
    {
        var s = engineer.State;
        return s.Card is not { } card ? null : new
        {
            name = card.Name,
            phone = card.Phone,
            skills = card.Skills,
            capacity = card.JobsAtOnce,
            shiftCalendar = card.ShiftCalendar,
            homeBase = new { lat = card.HomeBase.Lat, lon = card.HomeBase.Lon },
            presence = s.Presence.ToString(),
            status = engineer.Status.ToString(),
            region = s.Region,
            offer = s.Offer?.TicketId,
            jobs = s.Jobs.Keys.Order(StringComparer.Ordinal).ToList(),
            lastSeen = s.LastReport is { } seen ? new { lat = seen.Point.Lat, lon = seen.Point.Lon, at = seen.At, flagged = seen.Flagged } : null,
        };
    }
}
