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
        Instant now) =>
        new SlaClockSet(policy, calendars, timeline, now).Checkpoints();

    /// <summary>The checkpoints of the policy's target <paramref name="t"/>, a clock that has started, measured on its calendar.</summary>
    internal static void AddCheckpoints(SlaPolicy policy, int t, ClockProgress progress, List<(SlaCheckpoint Checkpoint, int Target, int Step)> due)
    {
        var target = policy.Targets[t];
        var course = progress.Course;
        var startedAt = course.StartedAt!.Value;
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

        if (steps.Count == 0)
        {
            return;
        }

        var thresholds = new Duration[steps.Count];
        for (var k = 0; k < thresholds.Length; k++)
        {
            thresholds[k] = steps[k].Threshold;
        }

        var instants = progress.InstantsReaching(thresholds);
        for (var k = 0; k < steps.Count; k++)
        {
            if (instants[k] is { } dueAt)
            {
                var (step, s, _) = steps[k];
                due.Add((new SlaCheckpoint(CheckpointId(target.Metric, step, startedAt), target.Metric, step, dueAt), t, s));
            }
        }
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
