namespace Dispatch.Domain.Engineers;

/// <summary>
/// What a command to an <see cref="Engineer"/> comes to: the events to store (and apply) and the effects to carry
/// out once they are stored; or a refusal, which changes nothing. No events and no refusal: nothing to change.
/// </summary>
public sealed record EngineerDecision(IReadOnlyList<EngineerEvent> Events, IReadOnlyList<EngineerEffect> Effects, EngineerRefusal? Refusal)
{
    public static EngineerDecision Nothing { get; } = new([], [], null);

    public bool Refused => Refusal is not null;

    public static EngineerDecision Refuse(EngineerRefusalCause cause, string why) => new([], [], new EngineerRefusal(cause, why));
}

public sealed record EngineerRefusal(EngineerRefusalCause Cause, string Why);

public enum EngineerRefusalCause
{
    /// <summary>No such engineer: not registered.</summary>
    NotFound,

    /// <summary>The ticket is not offered to, or not a job of, this engineer.</summary>
    NotYours,

    /// <summary>The engineer cannot take it now: away, off shift, at capacity, holding another offer, position unknown or stale.</summary>
    NotNow,

    /// <summary>The command itself is not one an engineer can be given.</summary>
    Invalid,
}

/// <summary>What became of a position report.</summary>
public enum PositionVerdict
{
    Accepted,

    /// <summary>Not newer than the last report: out of order or stale.</summary>
    Ignored,

    /// <summary>Implies a speed no vehicle has: kept for the record, flagged, not used for dispatch.</summary>
    Flagged,
}

/// <summary>A position report's verdict, why, and the decision it comes to.</summary>
public sealed record PositionDecision(PositionVerdict Verdict, string? Why, EngineerDecision Decision);
