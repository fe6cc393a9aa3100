using System.Text.Json.Serialization;
using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>
/// One stretch of opening hours within a day, in wall-clock time of the calendar's zone.
/// </summary>
/// <remarks>
/// A period never crosses midnight: <see cref="End"/> of 00:00 means the midnight that ends the day, so
/// 00:00–00:00 is the whole day and a night shift is written as 22:00–00:00 plus 00:00–06:00 on the next
/// weekday (the two touch and are counted as one stretch). Keeping a period inside its day keeps holidays
/// unambiguous: a holiday closes exactly the periods of that date. Validated on construction (also when
/// deserialized) so a bad period cannot reach the arithmetic.
/// </remarks>
public sealed record WorkingPeriod
{
    public WorkingPeriod(LocalTime start, LocalTime end)
    {
        if (end != LocalTime.Midnight && end <= start)
        {
            throw new ArgumentException(
                $"A working period must end after it starts (got {start:HH:mm}–{end:HH:mm}); use 00:00 as the end for midnight and split periods that cross midnight.",
                nameof(end));
        }

        Start = start;
        End = end;
    }

    public LocalTime Start { get; }

    public LocalTime End { get; }

    /// <summary>True when the period runs until the midnight that ends its day.</summary>
    [JsonIgnore]
    public bool EndsAtMidnight => End == LocalTime.Midnight;
}
