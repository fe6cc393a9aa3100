using Dispatch.Domain.Sla;
using NodaTime;
using static Dispatch.Domain.Tests.Sla.Sample;

namespace Dispatch.Domain.Tests.Sla;

public class AlwaysOpenCalendarTests
{
    [Fact]
    public void Every_second_counts_day_and_night()
    {
        var from = Utc(2026, 3, 6, 22); // a Friday night, into the weekend
        var to = Utc(2026, 3, 9, 0);

        Assert.Equal(Duration.FromHours(50), AlwaysOpen.WorkingTimeBetween(from, to));
        Assert.Equal(Utc(2026, 3, 7, 1), AlwaysOpen.AddWorkingTime(from, Duration.FromHours(3)));
        Assert.Equal([new Interval(from, to)], AlwaysOpen.WorkingIntervals(from, to));
    }

    [Fact]
    public void No_time_counts_when_the_end_is_not_after_the_start()
    {
        var at = Utc(2026, 3, 6, 22);

        Assert.Equal(Duration.Zero, AlwaysOpen.WorkingTimeBetween(at, at));
        Assert.Equal(Duration.Zero, AlwaysOpen.WorkingTimeBetween(at, at - Duration.FromHours(1)));
        Assert.Empty(AlwaysOpen.WorkingIntervals(at, at));
    }

    [Fact]
    public void Adding_a_negative_amount_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AlwaysOpen.AddWorkingTime(Utc(2026, 3, 6, 22), Duration.FromMinutes(-1)));
    }
}
