namespace Dispatch.Domain.Engineers;

/// <summary>One stretch of an engineer's day as the console draws it.</summary>
/// <param name="Kind">shift, break, travel, work or planned (accepted, not yet on the way).</param>
/// <param name="To">Null while it is still going on (it runs until now).</param>
/// <param name="EstimatedTo">For the current travel leg: the arrival the travel-time estimate expects.</param>
public sealed record DaySegment(string Kind, DateTimeOffset From, DateTimeOffset? To, string? TicketId = null, DateTimeOffset? EstimatedTo = null);

/// <summary>A presence change from the engineer's event log: the presence they went to, and when.</summary>
public sealed record PresenceMark(DateTimeOffset At, Presence To);

/// <summary>A job's times from the read model (accepted, set off, arrived, ended: resolved or cancelled).</summary>
public sealed record JobTimes(string TicketId, DateTimeOffset? AcceptedAt, DateTimeOffset? EnRouteAt, DateTimeOffset? OnSiteAt, DateTimeOffset? EndedAt);

/// <summary>
/// An engineer's day from what happened, not from deadlines: the shift the calendar gives, the breaks they took (from
/// when they went on a break to when they came back), and per job the travel leg (set off, or accepted, to on site),
/// the work (on site to resolved) or, not yet started, the plan. What is still going on has no end; the current travel
/// leg carries the estimated arrival.
/// </summary>
public static class EngineerDay
{
    public const string Shift = "shift";
    public const string Break = "break";
    public const string Travel = "travel";
    public const string Work = "work";
    public const string Planned = "planned";

    /// <param name="from">Start of the day.</param>
    /// <param name="to">End of the day.</param>
    /// <param name="shifts">The shift calendar's working intervals within the day, in order.</param>
    /// <param name="presence">Presence changes in order, including the last one before the day (a break may span midnight).</param>
    /// <param name="arrival">The estimated arrival for the job whose travel is under way, if one is known.</param>
    public static IReadOnlyList<DaySegment> Of(DateTimeOffset from, DateTimeOffset to, IEnumerable<(DateTimeOffset From, DateTimeOffset To)> shifts,
        IEnumerable<PresenceMark> presence, IEnumerable<JobTimes> jobs, DateTimeOffset now, (string TicketId, DateTimeOffset At)? arrival = null)
    {
        var segments = new List<DaySegment>();
        // Something still going on runs until now; on a day already over, until the day's end.
        DateTimeOffset? Open() => now < to ? null : to;
        void Add(string kind, DateTimeOffset start, DateTimeOffset? end, string? ticket = null, DateTimeOffset? estimated = null)
        {
            if (start >= to || (end ?? now) <= from || (end is { } e && e <= start))
            {
                return;
            }
            segments.Add(new DaySegment(kind, start < from ? from : start, end is { } stop && stop > to ? to : end, ticket, estimated));
        }

        foreach (var (start, end) in shifts)
        {
            Add(Shift, start, end);
        }

        DateTimeOffset? breakFrom = null;
        foreach (var mark in presence.OrderBy(p => p.At))
        {
            if (mark.To == Presence.OnBreak)
            {
                breakFrom ??= mark.At;
            }
            else if (breakFrom is { } began)
            {
                Add(Break, began, mark.At);
                breakFrom = null;
            }
        }
        if (breakFrom is { } still)
        {
            Add(Break, still, Open());
        }

        foreach (var job in jobs.OrderBy(j => j.AcceptedAt ?? j.EnRouteAt ?? j.OnSiteAt))
        {
            var setOff = job.EnRouteAt ?? job.AcceptedAt;
            if (job.OnSiteAt is { } arrived)
            {
                if (setOff is { } left && left < arrived)
                {
                    Add(Travel, left, arrived, job.TicketId);
                }
                Add(Work, arrived, job.EndedAt ?? Open(), job.TicketId);
            }
            else if (job.EnRouteAt is { } going)
            {
                var expected = arrival is { } a && a.TicketId == job.TicketId && job.EndedAt is null ? a.At : (DateTimeOffset?)null;
                Add(Travel, going, job.EndedAt ?? Open(), job.TicketId, expected);
            }
            else if (job.AcceptedAt is { } accepted && job.EndedAt is null)
            {
                Add(Planned, accepted, Open(), job.TicketId);
            }
        }
        return segments;
    }
}
