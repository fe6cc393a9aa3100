using NodaTime;
using NodaTime.Text;

namespace Dispatch.Domain.Sla;

/// <summary>
/// Turns a policy's ladder into exact instants for a ticket: the grain sets one timer/reminder for the next
/// unfired checkpoint and fires overdue ones at once, in order.
/// </summary>
public static class SlaSchedule
{
    /// <summary>
    /// Every checkpoint whose instant is known at <paramref name="now"/>, ordered by due instant (then policy
    /// target order, then ladder order), including those already past:
    /// for a counting clock, every step (future ones assume no further pauses);
    /// for a paused clock, only the steps already reached before the pause (the rest are unknown until it resumes);
    /// for a stopped clock, only the steps reached before it stopped; none for a clock that has not started.
    /// </summary>
    public static IReadOnlyList<SlaCheckpoint> Checkpoints(
        SlaPolicy policy,
        CalendarBook calendars,
        IReadOnlyList<SlaEvent> timeline,
        Instant now)
    {
        var due = new List<(SlaCheckpoint Checkpoint, int Target, int Step)>();
        var ordered = SlaTimeline.FromCreation(timeline, now);
        for (var t = 0; t < policy.Targets.Count; t++)
        {
            var target = policy.Targets[t];
            var course = ClockCourse.Follow(target.Metric, ordered, now);
            if (course.StartedAt is not { } startedAt)
            {
                continue;
            }

            var progress = new ClockProgress(course, calendars.Get(target.CalendarId));
            var steps = new List<(EscalationStep Step, int Index, Duration Threshold)>();
            for (var s = 0; s < policy.Ladder.Steps.Count; s++)
            {
                var step = policy.Ladder.Steps[s];
                if (!step.AppliesTo(target.Metric))
                {
                    continue;
                }

                var threshold = step.Trigger.ThresholdFor(target.Target);
                if (course.CountingAtNow || progress.Elapsed >= threshold)
                {
                    steps.Add((step, s, threshold));
                }
            }

            var instants = progress.InstantsReaching([.. steps.Select(s => s.Threshold)]);
            for (var k = 0; k < steps.Count; k++)
            {
                if (instants[k] is { } dueAt)
                {
                    var (step, s, _) = steps[k];
                    due.Add((new SlaCheckpoint(CheckpointId(target.Metric, step, startedAt), target.Metric, step, dueAt), t, s));
                }
            }
        }

        return [.. due.OrderBy(d => d.Checkpoint.DueAt).ThenBy(d => d.Target).ThenBy(d => d.Step).Select(d => d.Checkpoint)];
    }

    /// <summary>The stable id of a step on a clock; the accept clock's id carries its offer so a new offer fires afresh.</summary>
    public static string CheckpointId(SlaMetric metric, EscalationStep step, Instant clockStartedAt) =>
        metric == SlaMetric.Accept
            ? $"{MetricName(metric)}:{step.Id}@{InstantPattern.ExtendedIso.Format(clockStartedAt)}"
            : $"{MetricName(metric)}:{step.Id}";

    /// <summary>The lower-case name used in ids and APIs ("response", "accept", "arrival", "resolution").</summary>
    public static string MetricName(SlaMetric metric) => metric switch
    {
        SlaMetric.Response => "response",
        SlaMetric.Accept => "accept",
        SlaMetric.Arrival => "arrival",
        SlaMetric.Resolution => "resolution",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown SLA metric."),
    };
}
