using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.TimeZones;

namespace Dispatch.Domain.Sla;

/// <summary>
/// Business hours per weekday in a real time zone, minus holidays (local dates in that zone).
/// </summary>
/// <remarks>
/// <para>
/// Local period boundaries are turned into instants day by day with the zone's rules, and only the real
/// time between those instants counts. That is what makes DST right without special cases: 01:00–04:00 on
/// a spring-forward day is 2 real hours, on a fall-back day 4 real hours.
/// </para>
/// <para>
/// Wall-clock boundaries are mapped to "the first moment the wall clock reaches that time": an ambiguous
/// time (fall-back) maps to its earlier occurrence, a skipped time (spring-forward) to the instant the
/// clocks jump to. NodaTime's lenient resolver would instead shift a skipped time forward by the length of
/// the gap, which can put the start of a period such as 02:30–03:15 after its end and drop the real half
/// hour 03:00–03:15 that the wall clock did show.
/// </para>
/// </remarks>
public sealed record WorkingHoursCalendar(
    string Id,
    string TimeZoneId,
    IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<WorkingPeriod>> Week,
    IReadOnlyCollection<LocalDate> Holidays) : BusinessCalendar(Id)
{
    private static readonly ZoneLocalMappingResolver FirstMomentOnTheWallClock =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    // Every clock reading and every escalation step walks the same few days again; their openings are worked
    // out once per calendar instance. Kept beside the record, not in it, so equality stays the record's own.
    private static readonly ConditionalWeakTable<WorkingHoursCalendar, Days> Known = new();

    /// <summary>False when no weekday has any period: such a calendar can never accumulate working time.</summary>
    [JsonIgnore]
    public bool HasWorkingHours => Week.Values.Any(periods => periods.Count > 0);

    public override IEnumerable<Interval> WorkingIntervals(Instant from, Instant to)
    {
        if (to <= from)
        {
            yield break;
        }

        // Merging across midnight is safe here because the range is bounded; an endless merge of a
        // 24-hour calendar would never yield.
        Interval? pending = null;
        foreach (var piece in OpenPieces(from, until: to))
        {
            if (piece.Start >= to)
            {
                break;
            }

            var clipped = new Interval(piece.Start, Instant.Min(piece.End, to));
            if (pending is { } current && clipped.Start <= current.End)
            {
                pending = new Interval(current.Start, Instant.Max(current.End, clipped.End));
                continue;
            }

            if (pending is { } finished)
            {
                yield return finished;
            }

            pending = clipped;
        }

        if (pending is { } last)
        {
            yield return last;
        }
    }

    /// <summary>
    /// The sum of the working pieces in [from, to). Pieces of one day are merged and different days' never overlap,
    /// so they need no merging here: every clock reading asks this of each stretch of its clock.
    /// </summary>
    public override Duration WorkingTimeBetween(Instant from, Instant to)
    {
        var total = Duration.Zero;
        if (to <= from)
        {
            return total;
        }

        foreach (var piece in OpenPieces(from, until: to))
        {
            if (piece.Start >= to)
            {
                break;
            }

            total += Instant.Min(piece.End, to) - piece.Start;
        }

        return total;
    }

    public override Instant AddWorkingTime(Instant from, Duration amount) => AddWorkingTimes(from, [amount])[0];

    public override Instant[] AddWorkingTimes(Instant from, IReadOnlyList<Duration> amounts)
    {
        var reached = new Instant[amounts.Count];
        var pending = new List<int>(amounts.Count);
        for (var i = 0; i < amounts.Count; i++)
        {
            RequireNonNegative(amounts[i]);
            if (amounts[i] == Duration.Zero)
            {
                reached[i] = from;
            }
            else
            {
                pending.Add(i);
            }
        }

        if (pending.Count == 0)
        {
            return reached;
        }

        if (!HasWorkingHours)
        {
            throw NeverOpen("no weekday has working hours");
        }

        if (pending.Count > 1)
        {
            SortByAmount(pending, amounts);
        }

        var next = 0;
        var counted = Duration.Zero; // working time in the pieces before the current one
        foreach (var piece in OpenPieces(from, until: null))
        {
            while (next < pending.Count && amounts[pending[next]] - counted <= piece.Duration)
            {
                reached[pending[next]] = piece.Start + (amounts[pending[next]] - counted);
                next++;
            }

            if (next == pending.Count)
            {
                return reached;
            }

            counted += piece.Duration;
        }

        // OpenPieces without an end is endless or throws, so this is unreachable.
        throw NeverOpen("the calendar ran out of working time");
    }

    // Apart from AddWorkingTimes so that its comparison (a closure over the amounts) is made only when there is a sort.
    private static void SortByAmount(List<int> pending, IReadOnlyList<Duration> amounts) =>
        pending.Sort((a, b) => amounts[a].CompareTo(amounts[b]));

    /// <summary>
    /// Each local day's working pieces from <paramref name="from"/> on, one day at a time, in order. Pieces of
    /// different days never overlap (a period stays inside its day) but may touch at midnight.
    /// With no <paramref name="until"/> the sequence is endless, guarded against calendars that never open.
    /// </summary>
    private IEnumerable<Interval> OpenPieces(Instant from, Instant? until)
    {
        var days = Known.GetValue(this, calendar => new Days(calendar));
        var zone = days.Zone;
        var holidayCount = days.HolidayCount;

        // With at least one working weekday, only holidays can keep the calendar closed, and each holiday
        // can cancel at most one week's worth of openings; a longer closed run means it never opens.
        var closedDaysLimit = 7 * (holidayCount + 2);
        var closedDays = 0;

        var date = from.InZone(zone).Date;
        while (until is not { } end || zone.AtStartOfDay(date).ToInstant() < end)
        {
            var openedToday = false;
            foreach (var open in days.OpenOn(date))
            {
                if (open.End > from)
                {
                    openedToday = true;
                    yield return new Interval(Instant.Max(open.Start, from), open.End);
                }
            }

            closedDays = openedToday ? 0 : closedDays + 1;
            if (until is null && closedDays > closedDaysLimit)
            {
                throw NeverOpen($"it stays closed for more than {closedDaysLimit} days in a row after {from}");
            }

            date = date.PlusDays(1);
        }
    }

    /// <summary>
    /// The day's periods as real instants, ordered and with overlaps merged, dropping those a DST gap swallowed
    /// entirely.
    /// </summary>
    private Interval[] OpenIntervalsOf(LocalDate date, DateTimeZone zone, HashSet<LocalDate> holidays)
    {
        if (holidays.Contains(date) || !Week.TryGetValue(date.DayOfWeek, out var periods))
        {
            return [];
        }

        var intervals = new List<Interval>(periods.Count);
        foreach (var period in periods)
        {
            var start = zone.ResolveLocal(date.At(period.Start), FirstMomentOnTheWallClock).ToInstant();
            var end = period.EndsAtMidnight
                ? zone.AtStartOfDay(date.PlusDays(1)).ToInstant()
                : zone.ResolveLocal(date.At(period.End), FirstMomentOnTheWallClock).ToInstant();
            if (end > start)
            {
                intervals.Add(new Interval(start, end));
            }
        }

        intervals.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<Interval>(intervals.Count);
        foreach (var interval in intervals)
        {
            if (merged.Count > 0 && interval.Start <= merged[^1].End)
            {
                merged[^1] = new Interval(merged[^1].Start, Instant.Max(merged[^1].End, interval.End));
            }
            else
            {
                merged.Add(interval);
            }
        }

        return [.. merged];
    }

    /// <summary>One calendar's zone, holidays and the openings of the days asked about so far.</summary>
    private sealed class Days(WorkingHoursCalendar calendar)
    {
        // Enough for years of dates; a process that somehow asks about more starts over rather than grow.
        private const int MaxDays = 8192;

        private readonly HashSet<LocalDate> _holidays = [.. calendar.Holidays];
        private readonly ConcurrentDictionary<LocalDate, Interval[]> _open = new();

        public DateTimeZone Zone { get; } = calendar.ResolveZone();

        public int HolidayCount => _holidays.Count;

        public Interval[] OpenOn(LocalDate date)
        {
            if (_open.TryGetValue(date, out var known))
            {
                return known;
            }

            if (_open.Count >= MaxDays)
            {
                _open.Clear();
            }

            return _open.GetOrAdd(date, calendar.OpenIntervalsOf(date, Zone, _holidays));
        }
    }

    private DateTimeZone ResolveZone() =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZoneId)
        ?? throw new InvalidOperationException(
            $"Business calendar '{Id}' names time zone '{TimeZoneId}', which is not in the TZDB (use an IANA id such as 'Europe/Berlin').");

    private InvalidOperationException NeverOpen(string why) =>
        new($"Business calendar '{Id}' never opens ({why}), so working time can never be added to reach a deadline.");
}
