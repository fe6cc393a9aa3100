using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>
/// The wall-clock shape of one clock, before any calendar is applied: when it started, the stretches during
/// which it was allowed to count, its pauses and whether and how it stopped. Calendars then decide how much
/// of each stretch is business time. Kept separate so the clock reading and the escalation schedule share
/// one reading of the timeline.
/// </summary>
internal sealed record ClockCourse(
    Instant? StartedAt,
    IReadOnlyList<Interval> Stretches,
    bool CountingAtNow,
    bool PausedAtNow,
    Instant? StoppedAt,
    bool StoppedByGoal,
    IReadOnlyList<PauseInterval> Pauses,
    Instant Now)
{
    public static ClockCourse NotStarted(Instant now) => new(null, [], false, false, null, false, [], now);

    /// <summary>The end of the clock's span: its stop, or now while it can still count.</summary>
    public Instant SpanEnd => StoppedAt ?? Now;

    /// <summary>Traces <paramref name="metric"/>'s clock through the timeline as known at <paramref name="now"/>.</summary>
    public static ClockCourse Trace(SlaMetric metric, IReadOnlyList<SlaEvent> timeline, Instant now) =>
        Follow(metric, SlaTimeline.FromCreation(timeline, now), now);

    /// <summary>
    /// Like <see cref="Trace"/>, for a timeline already put in order by <see cref="SlaTimeline.FromCreation"/>
    /// (null when the ticket was not created yet): a policy's clocks all read the same ordered timeline.
    /// </summary>
    public static ClockCourse Follow(SlaMetric metric, IReadOnlyList<SlaEvent>? events, Instant now)
    {
        if (events is null)
        {
            return NotStarted(now);
        }

        var tracer = new ClockTracer(metric);
        foreach (var e in events)
        {
            tracer.Apply(e);
        }

        return tracer.Finish(now);
    }
}
