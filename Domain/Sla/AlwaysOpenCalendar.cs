using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>A 24x7 calendar: every elapsed nanosecond counts, so the arithmetic is plain instant arithmetic.</summary>
public sealed record AlwaysOpenCalendar(string Id) : BusinessCalendar(Id)
{
    public override IEnumerable<Interval> WorkingIntervals(Instant from, Instant to) =>
        to > from ? [new Interval(from, to)] : [];

    public override Duration WorkingTimeBetween(Instant from, Instant to) =>
        to > from ? to - from : Duration.Zero;

    public override Instant AddWorkingTime(Instant from, Duration amount)
    {
        RequireNonNegative(amount);
        return from + amount;
    }
}
