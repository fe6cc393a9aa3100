using NodaTime;

namespace Dispatch.Domain.Duty;

/// <summary>
/// One person's recurring hours on a rota, in the rota's local time: on each of <see cref="Days"/> from
/// <see cref="From"/> to <see cref="To"/>. A shift whose end is not after its start runs overnight into the next
/// day (22:00–06:00); equal ends mean the whole day.
/// </summary>
/// <param name="UserName">Who: their user name, the subject of their token.</param>
/// <param name="Email">Where to reach them by e-mail.</param>
public sealed record DutyShift(string UserName, string Email, IReadOnlyList<IsoDayOfWeek> Days, LocalTime From, LocalTime To)
{
    public bool Covers(LocalDateTime local)
    {
        var (day, time) = (local.DayOfWeek, local.TimeOfDay);
        if (From == To)
        {
            return Days.Contains(day);
        }
        if (From < To)
        {
            return Days.Contains(day) && time >= From && time < To;
        }
        // Overnight: it began on a listed day, so the small hours belong to the day before.
        var dayBefore = day == IsoDayOfWeek.Monday ? IsoDayOfWeek.Sunday : day - 1;
        return (Days.Contains(day) && time >= From) || (Days.Contains(dayBefore) && time < To);
    }
}
