using Dispatch.Domain.Duty;
using NodaTime;

namespace Dispatch.Domain.Tests.Duty;

/// <summary>Who is on duty is read in the rota's own time zone, overnight shifts included, in the rota's order.</summary>
public sealed class DutyRotaTests
{
    private static readonly IsoDayOfWeek[] Weekdays = [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private static readonly DutyRota Rota = new("supervisor", "riverside", "Asia/Shanghai",
    [
        new DutyShift("day", "day@example.com", Weekdays, new LocalTime(8, 0), new LocalTime(20, 0)),
        new DutyShift("night", "night@example.com", [IsoDayOfWeek.Friday], new LocalTime(20, 0), new LocalTime(8, 0)),
        new DutyShift("backup", "backup@example.com", Weekdays, new LocalTime(0, 0), new LocalTime(0, 0)),
    ]);

    [Fact]
    public void A_weekday_morning_in_Shanghai_has_the_day_shift_first_then_the_backup()
    {
        // Monday 2026-11-30 09:00 in Shanghai is 01:00 UTC.
        var people = Rota.OnDutyAt(Instant.FromUtc(2026, 11, 30, 1, 0));
        Assert.Equal(["day", "backup"], people.Select(p => p.UserName));
    }

    [Fact]
    public void An_overnight_shift_covers_the_small_hours_of_the_next_day()
    {
        // Saturday 2026-12-05 03:00 in Shanghai (Friday 19:00 UTC): Friday's night shift, and no weekday shift.
        Assert.Equal(["night"], Rota.OnDutyAt(Instant.FromUtc(2026, 12, 4, 19, 0)).Select(p => p.UserName));
        // Saturday 09:00 in Shanghai: nobody.
        Assert.Empty(Rota.OnDutyAt(Instant.FromUtc(2026, 12, 5, 1, 0)));
    }

    [Fact]
    public void A_bad_rota_names_each_field()
    {
        var bad = new DutyRota("supervisor", "riverside", "Mars/Olympus", [new DutyShift("two words", "nobody", [], LocalTime.Noon, LocalTime.Noon)]);
        Assert.Equal(["timeZone", "shifts[0].userName", "shifts[0].email", "shifts[0].days"], DutyRotaValidator.Validate(bad).Select(p => p.Field));
    }
}
