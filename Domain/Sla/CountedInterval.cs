using System.Text.Json.Serialization;
using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>
/// A piece of time that counted towards a clock: inside the clock's span, not paused, and working time
/// on its calendar. <see cref="RunningTotal"/> is the clock's elapsed time at the end of this piece, so an
/// operator can follow the sum line by line.
/// </summary>
public sealed record CountedInterval(Interval Interval, Duration RunningTotal)
{
    [JsonIgnore]
    public Duration Counted => Interval.Duration;
}
