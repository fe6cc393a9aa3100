namespace Dispatch.Domain.Engineers;

/// <summary>Something that happened to an engineer.</summary>
/// <param name="At">The time that counts for it.</param>
public abstract record EngineerEvent(DateTimeOffset At, EngineerActor By, string? Why)
{
    /// <summary>The event's name in the event log ("engineer.job-accepted").</summary>
    public abstract string What { get; }

    /// <summary>Whether it goes to the event log, stored with the state: every change does, most position reports do not.</summary>
    public virtual bool Logged => true;
}

public sealed record EngineerRegistered(DateTimeOffset At, EngineerActor By, EngineerCard Card) : EngineerEvent(At, By, null)
{
    public override string What => "engineer.registered";
}

/// <summary>Name, home base, shift calendar or phone changed; <paramref name="Changed"/> names which.</summary>
public sealed record ProfileChanged(DateTimeOffset At, EngineerActor By, EngineerCard Card, IReadOnlyList<string> Changed) : EngineerEvent(At, By, null)
{
    public override string What => "engineer.profile-changed";
}

public sealed record SkillsChanged(DateTimeOffset At, EngineerActor By, IReadOnlyDictionary<string, int> Skills) : EngineerEvent(At, By, null)
{
    public override string What => "engineer.skills-changed";
}

public sealed record CapacityChanged(DateTimeOffset At, EngineerActor By, int From, int To) : EngineerEvent(At, By, null)
{
    public override string What => "engineer.capacity-changed";
}

/// <summary>A shift started or ended, a break started or ended.</summary>
public sealed record PresenceChanged(DateTimeOffset At, EngineerActor By, string? Why, Presence From, Presence To) : EngineerEvent(At, By, Why)
{
    public override string What => (From, To) switch
    {
        (_, Presence.Offline) => "engineer.shift-ended",
        (Presence.Offline, _) => "engineer.shift-started",
        (_, Presence.OnBreak) => "engineer.break-started",
        _ => "engineer.break-ended",
    };
}

public sealed record JobOffered(DateTimeOffset At, EngineerActor By, JobOffer Offer) : EngineerEvent(At, By, null)
{
    public override string What => "engineer.offered";
}

/// <summary>The held offer ended without becoming a job: declined, expired, withdrawn, or given back.</summary>
public sealed record OfferReleased(DateTimeOffset At, EngineerActor By, string Why, string TicketId) : EngineerEvent(At, By, Why)
{
    public override string What => "engineer.offer-released";
}

public sealed record JobAccepted(DateTimeOffset At, EngineerActor By, string TicketId) : EngineerEvent(At, By, null)
{
    public override string What => "engineer.job-accepted";
}

public sealed record JobAdvanced(DateTimeOffset At, EngineerActor By, string TicketId, JobStep To) : EngineerEvent(At, By, null)
{
    public override string What => "engineer.job-advanced";
}

/// <summary>A job given back before it was done (the engineer went off shift, the ticket was cancelled or reassigned).</summary>
public sealed record JobReleased(DateTimeOffset At, EngineerActor By, string Why, string TicketId) : EngineerEvent(At, By, Why)
{
    public override string What => "engineer.job-released";
}

/// <summary>The job's ticket was resolved: counted as done on <paramref name="Day"/> (UTC), its capacity free again.</summary>
public sealed record JobFinished(DateTimeOffset At, EngineerActor By, string TicketId, DateOnly Day) : EngineerEvent(At, By, null)
{
    public override string What => "engineer.job-finished";
}

/// <summary>
/// A position report taken (trusted, or flagged as an impossible jump). Only some are logged (<see cref="LoggedAsSeen"/>):
/// a phone reports every few seconds, and a log row (and a durable write) per report would cost as much as all the
/// tickets together; the log keeps "last seen" current to within <see cref="EngineerRules.SeenLoggedEvery"/>.
/// </summary>
public sealed record PositionReported(DateTimeOffset At, EngineerActor By, Fix Fix, bool LoggedAsSeen) : EngineerEvent(At, By, null)
{
    public override string What => Fix.Flagged ? "engineer.position-flagged" : "engineer.seen";

    public override bool Logged => LoggedAsSeen || Fix.Flagged;
}

/// <summary>A trusted position lies in another service region (or outside all of them: null).</summary>
public sealed record RegionChanged(DateTimeOffset At, EngineerActor By, string? From, string? To) : EngineerEvent(At, By, null)
{
    public override string What => "engineer.region-changed";
}
