using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>
/// The state machine that walks an ordered timeline for one metric. Rules:
/// a clock counts while started, not stopped and not paused; a pause stops every clock; the goal event stops
/// the clock (met or breached is decided later, by business time); cancel and close stop every clock; resolved
/// also ends the clocks other than resolution; reopened resumes only the resolution clock; a new offer starts a
/// fresh accept cycle and forgets the previous one.
/// </summary>
internal sealed class ClockTracer(SlaMetric metric)
{
    private const string ResolvedUntilReopened = "resolved until reopened";

    private readonly List<PauseInterval> _pauses = [];
    private List<Interval> _stretches = [];
    private Instant? _startedAt;
    private Instant? _stoppedAt;
    private bool _stoppedByGoal;
    private bool _resumable;
    private SlaEventKind _stoppedBy;
    private bool _paused;
    private Instant _pausedAt;
    private string? _pauseReason;
    private Instant _stretchStart;

    private bool Counting => _startedAt is not null && _stoppedAt is null && !_paused;

    public void Apply(SlaEvent e)
    {
        var wasCounting = Counting;
        var t = e.At;
        switch (e.Kind)
        {
            case SlaEventKind.Created when metric != SlaMetric.Accept:
                _startedAt ??= t;
                break;
            case SlaEventKind.OfferMade when metric == SlaMetric.Accept:
                StartNewCycle(t);
                return;
            case SlaEventKind.OfferAccepted when metric is SlaMetric.Response or SlaMetric.Accept:
            case SlaEventKind.OnSite when metric == SlaMetric.Arrival:
                Stop(e, byGoal: true, resumable: false);
                break;
            case SlaEventKind.OfferDeclined or SlaEventKind.OfferExpired when metric == SlaMetric.Accept:
                Stop(e, byGoal: false, resumable: false);
                break;
            case SlaEventKind.Resolved:
                Stop(e, byGoal: metric == SlaMetric.Resolution, resumable: metric == SlaMetric.Resolution);
                break;
            case SlaEventKind.Closed:
                Stop(e, byGoal: false, resumable: metric == SlaMetric.Resolution);
                break;
            case SlaEventKind.Cancelled:
                Stop(e, byGoal: false, resumable: false);
                _resumable = false;
                break;
            case SlaEventKind.Reopened when _stoppedAt is { } stoppedAt && _resumable:
                _pauses.Add(new PauseInterval(stoppedAt, t, ResolvedUntilReopened, _stoppedBy));
                _stoppedAt = null;
                _stoppedByGoal = false;
                break;
            case SlaEventKind.Paused when !_paused:
                _paused = true;
                _pausedAt = t;
                _pauseReason = e.Reason;
                break;
            case SlaEventKind.Resumed when _paused:
                _paused = false;
                _pauses.Add(new PauseInterval(_pausedAt, t, _pauseReason));
                break;
            default:
                // Everything else (a second pause, a resume while running, another metric's goal) changes nothing.
                break;
        }

        if (wasCounting && !Counting)
        {
            _stretches.Add(new Interval(_stretchStart, t));
        }
        else if (!wasCounting && Counting)
        {
            _stretchStart = t;
        }
    }

    public ClockCourse Finish(Instant now)
    {
        if (_startedAt is not { } startedAt)
        {
            return ClockCourse.NotStarted(now);
        }

        var counting = Counting;
        var stretches = new List<Interval>(_stretches);
        if (counting)
        {
            stretches.Add(new Interval(_stretchStart, now));
        }

        var pauses = new List<PauseInterval>(_pauses);
        if (_paused)
        {
            pauses.Add(new PauseInterval(_pausedAt, null, _pauseReason));
        }

        var spanEnd = _stoppedAt ?? now;
        return new ClockCourse(
            startedAt,
            stretches,
            counting,
            _paused && _stoppedAt is null,
            _stoppedAt,
            _stoppedByGoal,
            ClipToSpan(pauses, startedAt, spanEnd, stillRunning: _stoppedAt is null),
            now);
    }

    private void StartNewCycle(Instant t)
    {
        // Time-to-accept is per offer: the previous offer's counting and stop are history.
        _stretches = [];
        _startedAt = t;
        _stoppedAt = null;
        _stoppedByGoal = false;
        _resumable = false;
        if (!_paused)
        {
            _stretchStart = t;
        }
    }

    private void Stop(SlaEvent e, bool byGoal, bool resumable)
    {
        if (_startedAt is null || _stoppedAt is not null)
        {
            return;
        }

        _stoppedAt = e.At;
        _stoppedBy = e.Kind;
        _stoppedByGoal = byGoal;
        _resumable = resumable;
    }

    /// <summary>Keeps only the part of each pause inside the clock's span; pauses outside it did not affect this clock.</summary>
    private static List<PauseInterval> ClipToSpan(List<PauseInterval> pauses, Instant spanStart, Instant spanEnd, bool stillRunning)
    {
        var clipped = new List<PauseInterval>();
        foreach (var pause in pauses)
        {
            var start = Instant.Max(pause.Start, spanStart);
            var end = Instant.Min(pause.End ?? spanEnd, spanEnd);
            var ongoing = pause.End is null && stillRunning;
            if (end > start || (ongoing && end == start))
            {
                clipped.Add(pause with { Start = start, End = ongoing ? null : end });
            }
        }

        return clipped;
    }
}
