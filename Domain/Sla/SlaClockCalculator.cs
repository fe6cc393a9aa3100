using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>
/// Evaluates SLA clocks as a pure function of (target, calendar, timeline, now). The grain recomputes from its
/// whole timeline on every change, so late events and policy changes need no special handling.
/// </summary>
public static class SlaClockCalculator
{
    /// <summary>
    /// Reads one clock.
    /// </summary>
    /// <param name="warningPercents">
    /// Warning thresholds in percent of the target (50 = half the target); the lowest one turns a counting clock
    /// into <see cref="SlaClockState.Warning"/>. Empty means never warn.
    /// </param>
    /// <param name="explain">
    /// False leaves out the explanation (counted pieces, calendar gaps), which costs more than the reading
    /// itself; views and schedules read clocks on every change and only the explain endpoint shows it.
    /// </param>
    public static SlaClockReading Evaluate(
        SlaTarget target,
        BusinessCalendar calendar,
        IReadOnlyList<SlaEvent> timeline,
        Instant now,
        IReadOnlyList<double> warningPercents,
        bool explain = true)
    {
        var course = ClockCourse.Follow(target.Metric, SlaTimeline.FromCreation(timeline, now), now);
        return Read(target, calendar, course, ClockProgress.Of(course, calendar), warningPercents, explain);
    }

    /// <summary>
    /// Reads every clock of a policy, with the warning thresholds taken from the policy's ladder
    /// (its <see cref="EscalationKind.Warning"/> steps at a percentage of the target).
    /// </summary>
    public static IReadOnlyList<SlaClockReading> Evaluate(
        SlaPolicy policy,
        CalendarBook calendars,
        IReadOnlyList<SlaEvent> timeline,
        Instant now,
        bool explain = true) =>
        new SlaClockSet(policy, calendars, timeline, now).Readings(explain);

    /// <summary>One clock read from its course, measured on its calendar (<paramref name="progress"/> is null until it starts).</summary>
    internal static SlaClockReading Read(
        SlaTarget target,
        BusinessCalendar calendar,
        ClockCourse course,
        ClockProgress? progress,
        IReadOnlyList<double> warningPercents,
        bool explain)
    {
        if (progress is null)
        {
            return new SlaClockReading(
                target.Metric, target.Target, Duration.Zero, target.Target, null, null, SlaClockState.NotStarted, SlaExplanation.Empty);
        }

        var elapsed = progress.Elapsed;
        var remaining = target.Target - elapsed;

        // Reaching the target is a breach even if the goal arrives at that very instant: "met" means within target.
        var breached = elapsed >= target.Target;
        var state = StateOf(course, breached, elapsed, target.Target, warningPercents);
        var dueAt = state switch
        {
            SlaClockState.Running or SlaClockState.Warning or SlaClockState.Breached => progress.InstantReaching(target.Target),

            // The deadline the clock beat: had it kept counting from its stop.
            SlaClockState.Met => calendar.AddWorkingTime(course.SpanEnd, remaining),
            _ => null,
        };

        var explanation = explain ? new SlaExplanation(progress.CountedIntervals(), course.Pauses, progress.CalendarGaps()) : SlaExplanation.Empty;
        return new SlaClockReading(
            target.Metric, target.Target, elapsed, remaining, dueAt, course.StoppedAt, state, explanation, course.StartedAt);
    }

    private static SlaClockState StateOf(
        ClockCourse course, bool breached, Duration elapsed, Duration target, IReadOnlyList<double> warningPercents)
    {
        if (breached)
        {
            return SlaClockState.Breached;
        }

        if (course.StoppedAt is not null)
        {
            return course.StoppedByGoal ? SlaClockState.Met : SlaClockState.Stopped;
        }

        if (course.PausedAtNow)
        {
            return SlaClockState.Paused;
        }

        return warningPercents.Count > 0 && elapsed >= PercentOfTarget.Of(target, warningPercents.Min())
            ? SlaClockState.Warning
            : SlaClockState.Running;
    }
}
