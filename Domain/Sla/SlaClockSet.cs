using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>
/// A policy's clocks for one ticket as of one instant: the timeline is put in order once, and each clock is traced
/// and measured on its calendar once, for both its reading and its escalation checkpoints. A ticket asks both of
/// every change (what is due, when to wake up, its marker and its reply), and working each out from the raw
/// timeline walked it and the calendars twice.
/// </summary>
public sealed class SlaClockSet
{
    private readonly SlaPolicy _policy;
    private readonly CalendarBook _calendars;
    private readonly IReadOnlyList<SlaEvent>? _ordered;
    private readonly Instant _now;
    private readonly ClockCourse?[] _courses;
    private readonly ClockProgress?[] _measured;

    public SlaClockSet(SlaPolicy policy, CalendarBook calendars, IReadOnlyList<SlaEvent> timeline, Instant now)
    {
        _policy = policy;
        _calendars = calendars;
        _ordered = SlaTimeline.FromCreation(timeline, now);
        _now = now;
        _courses = new ClockCourse?[policy.Targets.Count];
        _measured = new ClockProgress?[policy.Targets.Count];
    }

    public Instant Now => _now;

    /// <summary>Every clock of the policy, in the policy's target order (see <see cref="SlaClockCalculator"/>).</summary>
    /// <param name="explain">False leaves out the explanation, which only the explain endpoint shows.</param>
    public IReadOnlyList<SlaClockReading> Readings(bool explain = false)
    {
        var readings = new SlaClockReading[_policy.Targets.Count];
        for (var t = 0; t < readings.Length; t++)
        {
            var target = _policy.Targets[t];
            readings[t] = SlaClockCalculator.Read(target, _calendars.Get(target.CalendarId), Trace(t), Progress(t),
                _policy.Ladder.WarningPercentsFor(target.Metric), explain);
        }

        return readings;
    }

    /// <summary>The policy's escalation checkpoints whose instant is known now (see <see cref="SlaSchedule.Checkpoints"/>).</summary>
    public IReadOnlyList<SlaCheckpoint> Checkpoints()
    {
        var due = new List<(SlaCheckpoint Checkpoint, int Target, int Step)>();
        for (var t = 0; t < _policy.Targets.Count; t++)
        {
            if (Progress(t) is { } progress)
            {
                SlaSchedule.AddCheckpoints(_policy, t, progress, due);
            }
        }

        // Due instant, then policy target order, then ladder order: a total order, as each (target, step) is there once.
        due.Sort(static (a, b) =>
        {
            var byDue = a.Checkpoint.DueAt.CompareTo(b.Checkpoint.DueAt);
            return byDue != 0 ? byDue : a.Target != b.Target ? a.Target.CompareTo(b.Target) : a.Step.CompareTo(b.Step);
        });
        var ordered = new SlaCheckpoint[due.Count];
        for (var i = 0; i < ordered.Length; i++)
        {
            ordered[i] = due[i].Checkpoint;
        }

        return ordered;
    }

    /// <summary>The clock measured on its calendar; null while it has not started.</summary>
    private ClockProgress? Progress(int target)
    {
        Trace(target);
        return _measured[target];
    }

    private ClockCourse Trace(int target)
    {
        if (_courses[target] is { } known)
        {
            return known;
        }

        var course = _courses[target] = ClockCourse.Follow(_policy.Targets[target].Metric, _ordered, _now);
        _measured[target] = ClockProgress.Of(course, _calendars.Get(_policy.Targets[target].CalendarId));
        return course;
    }
}
