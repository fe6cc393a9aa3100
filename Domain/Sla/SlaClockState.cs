namespace Dispatch.Domain.Sla;

/// <summary>Where a clock stands at the moment it is evaluated.</summary>
public enum SlaClockState
{
    /// <summary>Counting and below the first warning threshold.</summary>
    Running,

    /// <summary>Started, not finished, but not counting because the ticket waits.</summary>
    Paused,

    /// <summary>Counting and past the first warning threshold, not yet due.</summary>
    Warning,

    /// <summary>The goal was reached with time to spare.</summary>
    Met,

    /// <summary>Business time reached the target before the goal; stays breached even if the goal comes later.</summary>
    Breached,

    /// <summary>Ended without reaching its goal and before breaching (cancelled, closed, offer declined or expired).</summary>
    Stopped,

    /// <summary>The clock's start event has not happened (e.g. the accept clock before the first offer).</summary>
    NotStarted,
}
