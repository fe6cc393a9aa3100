using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>
/// One clock evaluated at one instant.
/// </summary>
/// <param name="Elapsed">Business time counted so far (up to the stop, or up to now).</param>
/// <param name="Remaining">Target minus elapsed; negative when overdue.</param>
/// <param name="DueAt">
/// When elapsed reaches the target, assuming no further pauses. Null while paused (unknown until resumed),
/// stopped or not started. For Met it is the deadline the clock beat; for Breached the instant it breached.
/// </param>
/// <param name="StoppedAt">When the clock stopped for good (goal, cancel, close, declined offer); null while it can still count.</param>
/// <param name="StartedAt">When this clock (for accept: this offer's cycle) started; null when not started.</param>
public sealed record SlaClockReading(
    SlaMetric Metric,
    Duration Target,
    Duration Elapsed,
    Duration Remaining,
    Instant? DueAt,
    Instant? StoppedAt,
    SlaClockState State,
    SlaExplanation Explanation,
    Instant? StartedAt = null);
