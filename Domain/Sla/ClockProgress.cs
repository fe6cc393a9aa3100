using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>
/// A clock's course measured on its calendar: how much business time each counting stretch contributed, and
/// the exact instant at which the accumulated time reaches any threshold. Both the reading (100% = due) and the
/// escalation schedule (50%, 75%, target + 30 min, ...) ask the same question, so it is answered in one place.
/// </summary>
internal sealed class ClockProgress
{
    private readonly ClockCourse _course;
    private readonly BusinessCalendar _calendar;
    private readonly Duration[] _counted;

    public ClockProgress(ClockCourse course, BusinessCalendar calendar)
    {
        _course = course;
        _calendar = calendar;
        var stretches = course.Stretches;
        _counted = new Duration[stretches.Count];
        var elapsed = Duration.Zero;
        for (var i = 0; i < _counted.Length; i++)
        {
            _counted[i] = calendar.WorkingTimeBetween(stretches[i].Start, stretches[i].End);
            elapsed += _counted[i];
        }

        Elapsed = elapsed;
    }

    /// <summary>The course measured on its calendar; null while the clock has not started (nothing to measure).</summary>
    public static ClockProgress? Of(ClockCourse course, BusinessCalendar calendar) =>
        course.StartedAt is null ? null : new ClockProgress(course, calendar);

    public ClockCourse Course => _course;

    public Duration Elapsed { get; }

    /// <summary>
    /// The earliest instant at which elapsed business time reaches <paramref name="threshold"/>. When the clock is
    /// still counting, its last stretch is open-ended (no further pauses assumed), so any threshold has an answer;
    /// otherwise only thresholds reached before the clock stopped counting do. Null when not reachable.
    /// </summary>
    public Instant? InstantReaching(Duration threshold) => InstantsReaching([threshold])[0];

    /// <summary>
    /// <see cref="InstantReaching"/> for several thresholds at once (in their order): the thresholds that fall in the
    /// same stretch are answered by one walk through the calendar.
    /// </summary>
    public Instant?[] InstantsReaching(IReadOnlyList<Duration> thresholds)
    {
        var reached = new Instant?[thresholds.Count];
        if (_course.StartedAt is not { } startedAt)
        {
            return reached;
        }

        var stretches = _course.Stretches;
        var asked = new List<(int Threshold, Duration Amount)>?[stretches.Count];
        for (var t = 0; t < thresholds.Count; t++)
        {
            var threshold = thresholds[t];
            if (threshold <= Duration.Zero)
            {
                reached[t] = startedAt;
                continue;
            }

            var accumulated = Duration.Zero;
            for (var i = 0; i < stretches.Count; i++)
            {
                var openEnded = _course.CountingAtNow && i == stretches.Count - 1;
                if (openEnded || accumulated + _counted[i] >= threshold)
                {
                    (asked[i] ??= []).Add((t, threshold - accumulated));
                    break;
                }

                accumulated += _counted[i];
            }
        }

        for (var i = 0; i < stretches.Count; i++)
        {
            if (asked[i] is not { } inStretch)
            {
                continue;
            }

            var instants = _calendar.AddWorkingTimes(stretches[i].Start, [.. inStretch.Select(a => a.Amount)]);
            for (var k = 0; k < inStretch.Count; k++)
            {
                reached[inStretch[k].Threshold] = instants[k];
            }
        }

        return reached;
    }

    /// <summary>The counted pieces of every stretch, each with the running total for the explanation.</summary>
    public IReadOnlyList<CountedInterval> CountedIntervals()
    {
        var pieces = new List<CountedInterval>();
        var total = Duration.Zero;
        foreach (var stretch in _course.Stretches)
        {
            foreach (var piece in _calendar.WorkingIntervals(stretch.Start, stretch.End))
            {
                total += piece.Duration;
                pieces.Add(new CountedInterval(piece, total));
            }
        }

        return pieces;
    }

    /// <summary>The calendar's closed hours within the clock's span (start to stop, or to now).</summary>
    public IReadOnlyList<Interval> CalendarGaps() =>
        _course.StartedAt is { } startedAt ? [.. _calendar.ClosedIntervals(startedAt, _course.SpanEnd)] : [];
}
