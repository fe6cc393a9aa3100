using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>
/// How a clock's numbers were computed: elapsed = the sum of <see cref="Counted"/>, which is the clock's span
/// minus <see cref="Pauses"/> minus <see cref="CalendarGaps"/> (closed hours, which may overlap pauses).
/// </summary>
public sealed record SlaExplanation(
    IReadOnlyList<CountedInterval> Counted,
    IReadOnlyList<PauseInterval> Pauses,
    IReadOnlyList<Interval> CalendarGaps)
{
    public static SlaExplanation Empty { get; } = new([], [], []);

    // Value equality over the contents, so two readings of the same timeline compare equal and a grain can
    // tell whether a recomputation changed anything.
    public bool Equals(SlaExplanation? other) =>
        other is not null
        && Counted.SequenceEqual(other.Counted)
        && Pauses.SequenceEqual(other.Pauses)
        && CalendarGaps.SequenceEqual(other.CalendarGaps);

    public override int GetHashCode() => HashCode.Combine(Counted.Count, Pauses.Count, CalendarGaps.Count);
}
