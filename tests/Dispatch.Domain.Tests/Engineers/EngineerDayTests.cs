using Dispatch.Domain.Engineers;

namespace Dispatch.Domain.Tests.Engineers;

/// <summary>What is still going on when the day is read: a break begun before midnight, a job accepted but not started, the leg under way.</summary>
public sealed class EngineerDayTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int hour, int minute = 0) => Midnight.AddHours(hour).AddMinutes(minute);

    private static string Row(DaySegment s) =>
        $"{s.Kind} {s.From:HH:mm} {(s.To is { } to ? to.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "open")} {s.TicketId ?? "-"}{(s.EstimatedTo is { } e ? $" eta {e:HH:mm}" : "")}";

    [Fact]
    public void What_is_still_going_on_has_no_end_and_the_leg_under_way_carries_its_arrival()
    {
        var now = At(14);
        var segments = EngineerDay.Of(Midnight, Midnight.AddDays(1), [(At(8), At(17))],
            [new PresenceMark(At(-1), Presence.OnBreak), new PresenceMark(At(0, 20), Presence.Available), new PresenceMark(At(13, 50), Presence.OnBreak)],
            [new JobTimes("t-going", At(13), At(13, 10), null, null), new JobTimes("t-next", At(13, 30), null, null, null)],
            now, ("t-going", At(14, 25)));

        Assert.Equal(
            [
                "shift 08:00 17:00 -",
                // Begun before midnight: the day shows it from midnight.
                "break 00:00 00:20 -",
                "break 13:50 open -",
                "travel 13:10 open t-going eta 14:25",
                "planned 13:30 open t-next",
            ],
            segments.Select(Row));
    }

    [Fact]
    public void On_a_day_already_over_what_was_still_going_on_ends_with_the_day_and_the_estimate_is_not_given_to_another_job()
    {
        var segments = EngineerDay.Of(Midnight, Midnight.AddDays(1), [],
            [new PresenceMark(At(23), Presence.OnBreak)],
            [new JobTimes("t-late", At(22), At(22, 30), null, null)],
            Midnight.AddDays(2), ("t-other", At(23, 30)));

        Assert.Equal(["break 23:00 00:00 -", "travel 22:30 00:00 t-late"], segments.Select(Row));
    }
}
