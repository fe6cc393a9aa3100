namespace Dispatch.Silo.Reminders;

/// <summary>How the overdue-checkpoint sweep runs, from the "OverdueSweep" configuration section.</summary>
public sealed class OverdueSweepOptions
{
    public const string SectionName = "OverdueSweep";

    /// <summary>How often each silo looks for tickets whose checkpoint is overdue.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long past its instant a checkpoint may still be handled by its ticket's own timer or reminder before
    /// the sweep nudges the ticket: a healthy ticket settles and moves its reminder within milliseconds.
    /// </summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>At most this many tickets per look, the most overdue first; the rest wait for the next look.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>At most this many nudges in flight at once, so a silo loss does not flood the survivors.</summary>
    public int Concurrency { get; set; } = 32;

    /// <summary>A nudge not answered within this is left to the next look (its ticket's silo may be dead, not yet declared so).</summary>
    public TimeSpan NudgeTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
