using Dispatch.Domain.Engineers;
using Dispatch.Domain.Geo;
using Dispatch.Grains.Tickets;

namespace Dispatch.Grains.Engineers;

/// <summary>
/// The stored <see cref="EngineerState"/> (its ids and types fixed by what earlier releases wrote) as the
/// <see cref="Engineer"/> aggregate's <see cref="EngineerRecord"/>, and back once the aggregate's events are applied.
/// </summary>
internal static class EngineerRecords
{
    public static EngineerRecord Read(EngineerState e) => new()
    {
        Card = e.Profile is { } p ? ToCard(p) : null,
        Presence = e.Presence switch
        {
            ShownStatus.Available => Presence.Available,
            ShownStatus.OnBreak => Presence.OnBreak,
            _ => Presence.Offline,
        },
        Position = e.Position is { } position ? ToFix(position) : null,
        LastReport = e.LastReport is { } report ? ToFix(report) : null,
        Region = e.Region,
        Offer = e.Offer is { } o ? new JobOffer(o.TicketId, o.OfferedAt, o.ExpiresAt, o.DistanceMeters, o.Eta) : null,
        Jobs = e.Jobs.ToDictionary(j => j.Key, j => (JobStep)j.Value, StringComparer.Ordinal),
        DoneOn = e.DoneOn,
        DoneCount = e.DoneCount,
    };

    public static void Write(EngineerRecord r, EngineerState e)
    {
        e.Profile = r.Card is { } card ? ToProfile(card, e.Profile) : null;
        e.Presence = r.Presence switch
        {
            Presence.Available => ShownStatus.Available,
            Presence.OnBreak => ShownStatus.OnBreak,
            _ => ShownStatus.Offline,
        };
        e.Position = r.Position is { } position ? ToStored(position) : null;
        e.LastReport = r.LastReport is { } report ? ToStored(report) : null;
        e.Region = r.Region;
        e.Offer = r.Offer is { } o ? new HeldOffer(o.TicketId, o.OfferedAt, o.ExpiresAt, o.DistanceMeters, o.Eta) : null;
        e.Jobs = r.Jobs.ToDictionary(j => j.Key, j => (JobStage)j.Value);
        e.DoneOn = r.DoneOn;
        e.DoneCount = r.DoneCount;
    }

    public static EngineerCard ToCard(EngineerProfile p) =>
        new(p.Name, p.Skills, p.HomeBase, p.ShiftCalendar, p.Capacity, p.Phone);

    /// <summary>The stored profile, kept as it is while the card says the same (so a position report does not copy it).</summary>
    private static EngineerProfile ToProfile(EngineerCard card, EngineerProfile? stored) =>
        stored is not null && ToCard(stored) is var before && before with { Skills = card.Skills } == card && before.SameSkills(card)
            ? stored
            : new EngineerProfile(card.Name, new Dictionary<string, int>(card.Skills), card.HomeBase,
                card.ShiftCalendar, card.Capacity, card.Phone);

    private static Fix ToFix(StoredPosition p) => new(new Position(p.Lat, p.Lon), p.At, p.AccuracyMeters, p.Flagged);

    private static StoredPosition ToStored(Fix f) => new(f.Point.Lat, f.Point.Lon, f.At, f.AccuracyMeters, f.Flagged);
}
