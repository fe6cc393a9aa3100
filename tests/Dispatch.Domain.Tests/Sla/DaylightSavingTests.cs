using Dispatch.Domain.Sla;
using NodaTime;
using static Dispatch.Domain.Tests.Sla.Sample;

namespace Dispatch.Domain.Tests.Sla;

/// <summary>Real zones, real transition days: the calendar counts real elapsed time, not wall-clock hours.</summary>
public class DaylightSavingTests
{
    private const string Berlin = "Europe/Berlin";
    private const string NewYork = "America/New_York";

    [Fact]
    public void Berlin_spring_forward_period_counts_only_the_real_two_hours()
    {
        // 29 March 2026: 02:00 CET jumps to 03:00 CEST, so 01:00–04:00 lasts 00:00Z–02:00Z.
        var calendar = EveryDay("berlin-night", Berlin, Period(1, 0, 4));
        var dayStart = Utc(2026, 3, 28, 23);
        var dayEnd = Utc(2026, 3, 29, 22);

        Assert.Equal([new Interval(Utc(2026, 3, 29, 0), Utc(2026, 3, 29, 2))], calendar.WorkingIntervals(dayStart, dayEnd));
        Assert.Equal(Duration.FromHours(2), calendar.WorkingTimeBetween(dayStart, dayEnd));
        Assert.Equal(Utc(2026, 3, 29, 1, 30), calendar.AddWorkingTime(dayStart, Duration.FromMinutes(90)));
    }

    [Fact]
    public void Berlin_fall_back_period_counts_the_repeated_hour_as_the_real_time_it_takes()
    {
        // 25 October 2026: 03:00 CEST falls back to 02:00 CET, so 01:00–04:00 lasts 23:00Z–03:00Z.
        var calendar = EveryDay("berlin-night", Berlin, Period(1, 0, 4));
        var dayStart = Utc(2026, 10, 24, 22);
        var dayEnd = Utc(2026, 10, 25, 23);

        Assert.Equal([new Interval(Utc(2026, 10, 24, 23), Utc(2026, 10, 25, 3))], calendar.WorkingIntervals(dayStart, dayEnd));
        Assert.Equal(Duration.FromHours(4), calendar.WorkingTimeBetween(dayStart, dayEnd));
        Assert.Equal(Utc(2026, 10, 25, 2, 30), calendar.AddWorkingTime(dayStart, Duration.FromMinutes(210)));
    }

    [Fact]
    public void New_York_whole_days_last_23_hours_in_spring_and_25_hours_in_autumn()
    {
        var calendar = EveryDay("ny-24h", NewYork, Period(0, 0, 0));

        // Local midnights: EST is UTC-5, EDT is UTC-4.
        Assert.Equal(Duration.FromHours(23), calendar.WorkingTimeBetween(Utc(2026, 3, 8, 5), Utc(2026, 3, 9, 4)));
        Assert.Equal(Duration.FromHours(25), calendar.WorkingTimeBetween(Utc(2026, 11, 1, 4), Utc(2026, 11, 2, 5)));
        Assert.Equal(Utc(2026, 3, 9, 4), calendar.AddWorkingTime(Utc(2026, 3, 8, 5), Duration.FromHours(23)));
    }

    [Fact]
    public void New_York_period_starting_in_the_skipped_hour_starts_when_the_clocks_jump()
    {
        // 8 March 2026: 02:00 EST jumps to 03:00 EDT; 02:30 never shows, the period starts at 03:00 EDT = 07:00Z.
        var calendar = EveryDay("ny-early", NewYork, Period(2, 30, 5));

        Assert.Equal(
            [new Interval(Utc(2026, 3, 8, 7), Utc(2026, 3, 8, 9))],
            calendar.WorkingIntervals(Utc(2026, 3, 8, 5), Utc(2026, 3, 9, 4)));
    }

    [Fact]
    public void New_York_period_boundary_in_the_repeated_hour_means_its_first_occurrence()
    {
        // 1 November 2026: 02:00 EDT falls back to 01:00 EST; 01:00–01:59 happens twice.
        var endsInRepeat = EveryDay("ny-a", NewYork, Period(0, 0, 1, 30));
        var startsInRepeat = EveryDay("ny-b", NewYork, Period(1, 0, 3));
        var dayStart = Utc(2026, 11, 1, 4);
        var dayEnd = Utc(2026, 11, 2, 5);

        // 00:00 EDT (04:00Z) until the first 01:30 (EDT, 05:30Z).
        Assert.Equal([new Interval(Utc(2026, 11, 1, 4), Utc(2026, 11, 1, 5, 30))], endsInRepeat.WorkingIntervals(dayStart, dayEnd));

        // The first 01:00 (EDT, 05:00Z) until 03:00 EST (08:00Z): three real hours for two on the wall clock.
        Assert.Equal(Duration.FromHours(3), startsInRepeat.WorkingTimeBetween(dayStart, dayEnd));
        Assert.Equal(Utc(2026, 11, 1, 7, 30), startsInRepeat.AddWorkingTime(dayStart, Duration.FromMinutes(150)));
    }

    [Fact]
    public void Office_hours_follow_the_wall_clock_across_the_spring_forward_weekend()
    {
        // Friday 27 March 16:00 CET (15:00Z) + 3 h: 1 h on Friday, then Monday opens at 09:00 CEST = 07:00Z.
        var calendar = OfficeHours("berlin-office", Berlin);

        Assert.Equal(Utc(2026, 3, 30, 9), calendar.AddWorkingTime(Utc(2026, 3, 27, 15), Duration.FromHours(3)));
    }

    [Fact]
    public void Office_hours_follow_the_wall_clock_across_the_fall_back_weekend()
    {
        // New York, Friday 30 October 16:00 EDT (20:00Z) + 3 h: 1 h on Friday, Monday 09:00 EST = 14:00Z, +2 h.
        var calendar = OfficeHours("ny-office", NewYork);

        Assert.Equal(Utc(2026, 11, 2, 16), calendar.AddWorkingTime(Utc(2026, 10, 30, 20), Duration.FromHours(3)));
    }
}
