namespace Dispatch.Domain.Engineers;

/// <summary>What the <see cref="Engineer"/> aggregate decides from. Only <see cref="Engineer.Apply"/> changes it.</summary>
public sealed class EngineerRecord
{
    /// <summary>Null until the engineer is registered.</summary>
    public EngineerCard? Card { get; set; }

    public Presence Presence { get; set; } = Presence.Offline;

    /// <summary>The last trusted position: the one dispatch uses.</summary>
    public Fix? Position { get; set; }

    /// <summary>The last report, trusted or not (a flagged jump is kept here, not in <see cref="Position"/>).</summary>
    public Fix? LastReport { get; set; }

    public string? Region { get; set; }

    public JobOffer? Offer { get; set; }

    public Dictionary<string, JobStep> Jobs { get; set; } = new(StringComparer.Ordinal);

    public DateOnly DoneOn { get; set; }

    public int DoneCount { get; set; }

    /// <summary>When a position last went to the log; not stored, so an activation logs its first report.</summary>
    public DateTimeOffset? SeenLoggedAt { get; set; }
}
