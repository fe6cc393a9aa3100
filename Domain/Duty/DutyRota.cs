using NodaTime;

namespace Dispatch.Domain.Duty;

/// <summary>
/// Who holds a role in a region, and when, in the region's time zone (a shift at 08:00 is 08:00 there, across
/// daylight-saving changes). The order of the shifts is the order people are told in: the first person on
/// duty first, the next when the first does not acknowledge.
/// </summary>
public sealed record DutyRota(string Role, string Region, string TimeZoneId, IReadOnlyList<DutyShift> Shifts)
{
    /// <summary>The people on duty at <paramref name="instant"/>, each once, in the rota's order.</summary>
    public IReadOnlyList<DutyPerson> OnDutyAt(Instant instant)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZoneId);
        if (zone is null)
        {
            return [];
        }
        var local = instant.InZone(zone).LocalDateTime;
        return [.. Shifts.Where(s => s.Covers(local))
            .Select(s => new DutyPerson(s.UserName, s.Email))
            .DistinctBy(p => p.UserName, StringComparer.Ordinal)];
    }
}
