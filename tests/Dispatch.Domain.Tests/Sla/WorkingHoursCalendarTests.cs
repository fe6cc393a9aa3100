using Dispatch.Domain.Sla;
using NodaTime;
using static Dispatch.Domain.Tests.Sla.Sample;

namespace Dispatch.Domain.Tests.Sla;

public class WorkingHoursCalendarTests
{
    private const string Berlin = "Europe/Berlin";

    [Fact]
    public void Business_hours_skip_the_weekend_and_a_holiday()
    {
        // Thursday 2 April 2026, 15:00 in Berlin; Good Friday and Easter Monday are holidays.
        var calendar = OfficeHours("berlin-office", Berlin, new LocalDate(2026, 4, 3), new LocalDate(2026, 4, 6));
        var thursday = Local(Berlin, 2026, 4, 2, 15);

        var due = calendar.AddWorkingTime(thursday, Duration.FromHours(4));

        // 2 h on Thursday, nothing Friday to Monday, 2 h on Tuesday morning (CEST = UTC+2).
        Assert.Equal(Utc(2026, 4, 7, 9), due);
        Assert.Equal(Duration.FromHours(4), calendar.WorkingTimeBetween(thursday, due));
        Assert.Equal(
            [new Interval(Utc(2026, 4, 2, 13), Utc(2026, 4, 2, 15)), new Interval(Utc(2026, 4, 7, 7), Utc(2026, 4, 7, 9))],
            calendar.WorkingIntervals(thursday, due));
        Assert.Equal(
            [new Interval(Utc(2026, 4, 2, 15), Utc(2026, 4, 7, 7))],
            calendar.ClosedIntervals(thursday, due));
    }

    [Fact]
    public void Several_amounts_at_once_land_where_each_would_alone_across_holidays_and_a_DST_change()
    {
        // From Friday 27 March 2026 (Berlin springs forward on Sunday the 29th), with Easter holidays ahead.
        var calendar = OfficeHours("berlin-office", Berlin, new LocalDate(2026, 4, 3), new LocalDate(2026, 4, 6));
        var from = Local(Berlin, 2026, 3, 27, 16, 20);
        Duration[] amounts =
        [
            Duration.FromHours(30), Duration.Zero, Duration.FromMinutes(40), Duration.FromHours(8),
            Duration.FromMinutes(40), Duration.FromHours(4), Duration.FromHours(72), Duration.FromSeconds(1),
        ];

        var together = calendar.AddWorkingTimes(from, amounts);

        Assert.Equal(amounts.Select(a => calendar.AddWorkingTime(from, a)), together);
        Assert.Equal(Local(Berlin, 2026, 3, 27, 17), together[2]); // exactly at closing, not next morning
        Assert.Equal(from, together[1]);
    }

    [Fact]
    public void Several_amounts_at_once_are_refused_like_one_when_negative_or_never_open()
    {
        var closed = new WorkingHoursCalendar("closed", Berlin, new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingPeriod>>(), []);
        var from = Local(Berlin, 2026, 3, 5, 10);

        Assert.Throws<ArgumentOutOfRangeException>(() => OfficeHours("o", Berlin).AddWorkingTimes(from, [Duration.FromHours(1), Duration.FromHours(-1)]));
        Assert.Throws<InvalidOperationException>(() => closed.AddWorkingTimes(from, [Duration.Zero, Duration.FromHours(1)]));
        Assert.Equal([from], closed.AddWorkingTimes(from, [Duration.Zero]));
    }

    [Fact]
    public void Time_that_runs_out_exactly_at_closing_is_due_at_closing_not_next_morning()
    {
        var calendar = OfficeHours("berlin-office", Berlin);

        var due = calendar.AddWorkingTime(Local(Berlin, 2026, 3, 5, 15), Duration.FromHours(2));

        Assert.Equal(Local(Berlin, 2026, 3, 5, 17), due);
    }

    [Fact]
    public void Counting_from_closed_hours_starts_at_the_next_opening()
    {
        var calendar = OfficeHours("berlin-office", Berlin);
        var saturdayNight = Local(Berlin, 2026, 3, 7, 23);

        Assert.Equal(Local(Berlin, 2026, 3, 9, 9, 30), calendar.AddWorkingTime(saturdayNight, Duration.FromMinutes(30)));
        Assert.Equal(Duration.Zero, calendar.WorkingTimeBetween(saturdayNight, Local(Berlin, 2026, 3, 9, 9)));
    }

    [Fact]
    public void Adding_zero_working_time_returns_the_start_even_when_closed()
    {
        var calendar = OfficeHours("berlin-office", Berlin);
        var sunday = Local(Berlin, 2026, 3, 8, 12);

        Assert.Equal(sunday, calendar.AddWorkingTime(sunday, Duration.Zero));
    }

    [Fact]
    public void Periods_that_touch_at_midnight_count_as_one_stretch()
    {
        var nightShift = new WorkingHoursCalendar(
            "night",
            "UTC",
            new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingPeriod>>
            {
                [IsoDayOfWeek.Monday] = [Period(22, 0, 0)],
                [IsoDayOfWeek.Tuesday] = [Period(0, 0, 6)],
            },
            []);

        var intervals = nightShift.WorkingIntervals(Utc(2026, 3, 2, 0), Utc(2026, 3, 4, 0)).ToList();

        Assert.Equal([new Interval(Utc(2026, 3, 2, 22), Utc(2026, 3, 3, 6))], intervals);
        Assert.Equal(Utc(2026, 3, 3, 5), nightShift.AddWorkingTime(Utc(2026, 3, 2, 12), Duration.FromHours(7)));
    }

    [Fact]
    public void Overlapping_periods_are_not_counted_twice()
    {
        var calendar = EveryDay("overlap", "UTC", Period(9, 0, 12), Period(11, 0, 14));

        Assert.Equal(Duration.FromHours(5), calendar.WorkingTimeBetween(Utc(2026, 3, 2, 0), Utc(2026, 3, 3, 0)));
    }

    [Fact]
    public void Long_spans_are_added_day_by_day_to_the_exact_instant()
    {
        // 2000 working hours of 8-hour days = 250 days = 50 full weeks from Monday 5 January 2026.
        var calendar = OfficeHours("berlin-office", Berlin);

        var due = calendar.AddWorkingTime(Local(Berlin, 2026, 1, 5, 9), Duration.FromHours(2000));

        Assert.Equal(Local(Berlin, 2026, 12, 18, 17), due);
    }

    [Fact]
    public void A_long_run_of_holidays_is_waited_out_rather_than_mistaken_for_a_closed_calendar()
    {
        // Open on Mondays only, and the next ten Mondays are holidays.
        var mondays = Enumerable.Range(0, 10).Select(w => new LocalDate(2026, 3, 2).PlusWeeks(w)).ToArray();
        var calendar = new WorkingHoursCalendar(
            "mondays",
            "UTC",
            new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingPeriod>> { [IsoDayOfWeek.Monday] = [Period(9, 0, 10)] },
            mondays);

        Assert.Equal(Utc(2026, 5, 11, 9, 30), calendar.AddWorkingTime(Utc(2026, 3, 1, 0), Duration.FromMinutes(30)));
    }

    [Fact]
    public void A_calendar_with_no_working_hours_throws_instead_of_looping()
    {
        var closed = new WorkingHoursCalendar(
            "closed",
            Berlin,
            new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingPeriod>> { [IsoDayOfWeek.Monday] = [] },
            []);

        var error = Assert.Throws<InvalidOperationException>(() => closed.AddWorkingTime(Utc(2026, 3, 2, 0), Duration.FromMinutes(1)));
        Assert.Contains("'closed'", error.Message, StringComparison.Ordinal);
        Assert.Equal(Duration.Zero, closed.WorkingTimeBetween(Utc(2026, 3, 2, 0), Utc(2027, 3, 2, 0)));
        Assert.False(closed.HasWorkingHours);
    }

    [Fact]
    public void An_unknown_time_zone_is_reported_by_name()
    {
        var calendar = OfficeHours("mars", "Mars/Olympus_Mons");

        var error = Assert.Throws<InvalidOperationException>(() => calendar.WorkingTimeBetween(Utc(2026, 3, 2, 0), Utc(2026, 3, 3, 0)));
        Assert.Contains("Mars/Olympus_Mons", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_period_that_ends_before_it_starts_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Period(17, 0, 9));
        Assert.Throws<ArgumentException>(() => Period(9, 0, 9));
        Assert.True(Period(0, 0, 0).EndsAtMidnight);
    }
}
