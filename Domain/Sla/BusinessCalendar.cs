using System.Text.Json.Serialization;
using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>
/// The hours during which an SLA clock is allowed to count. Every SLA target names one calendar,
/// because "4 business hours" means something different for a 24x7 contract and an office-hours one.
/// </summary>
/// <remarks>
/// Calendars are data (stored with policies), so the hierarchy is closed and tagged for JSON.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(AlwaysOpenCalendar), "alwaysOpen")]
[JsonDerivedType(typeof(WorkingHoursCalendar), "workingHours")]
public abstract record BusinessCalendar(string Id)
{
    /// <summary>
    /// The pieces of [from, to) that are working time, in order, disjoint and never adjacent
    /// (touching pieces are merged so the explanation shows one block per stretch of work).
    /// </summary>
    public abstract IEnumerable<Interval> WorkingIntervals(Instant from, Instant to);

    /// <summary>
    /// The earliest instant at which the working time counted from <paramref name="from"/> reaches
    /// <paramref name="amount"/>. A zero amount is reached at once, so the answer is <paramref name="from"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The calendar never opens, so the amount is never reached.</exception>
    public abstract Instant AddWorkingTime(Instant from, Duration amount);

    /// <summary>
    /// <see cref="AddWorkingTime"/> for several amounts counted from the same instant, in the amounts' order. An
    /// escalation ladder asks this of every clock (50 %, 75 %, 100 %, 100 % + 30 min...), so calendars that
    /// have to walk their days answer all of them in one walk.
    /// </summary>
    public virtual Instant[] AddWorkingTimes(Instant from, IReadOnlyList<Duration> amounts)
    {
        var reached = new Instant[amounts.Count];
        for (var i = 0; i < amounts.Count; i++)
        {
            reached[i] = AddWorkingTime(from, amounts[i]);
        }

        return reached;
    }

    /// <summary>Working time in [from, to); zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public virtual Duration WorkingTimeBetween(Instant from, Instant to)
    {
        var total = Duration.Zero;
        foreach (var piece in WorkingIntervals(from, to))
        {
            total += piece.Duration;
        }

        return total;
    }

    /// <summary>
    /// The closed stretches of [from, to): the complement of <see cref="WorkingIntervals"/>. They are what an
    /// operator needs to see to understand why the wall clock and the SLA clock disagree.
    /// </summary>
    public IEnumerable<Interval> ClosedIntervals(Instant from, Instant to)
    {
        if (to <= from)
        {
            yield break;
        }

        var cursor = from;
        foreach (var open in WorkingIntervals(from, to))
        {
            if (open.Start > cursor)
            {
                yield return new Interval(cursor, open.Start);
            }

            cursor = open.End;
        }

        if (to > cursor)
        {
            yield return new Interval(cursor, to);
        }
    }

    /// <summary>Working time can only be added forwards; a negative amount is a caller bug.</summary>
    protected static void RequireNonNegative(Duration amount)
    {
        if (amount < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "Working time to add must not be negative.");
        }
    }
}
