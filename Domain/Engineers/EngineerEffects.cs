namespace Dispatch.Domain.Engineers;

/// <summary>What the world outside the engineer must hear of once the decision that causes it is stored.</summary>
public abstract record EngineerEffect;

/// <summary>The engineer's app reads its offer and jobs again.</summary>
public sealed record WorkChanged(string Why) : EngineerEffect;

/// <summary>The ticket of a released offer hears that this engineer will not take it.</summary>
public sealed record LapseTicketOffer(string TicketId, string Why) : EngineerEffect;

/// <summary>The ticket of a job given back goes back to dispatch.</summary>
public sealed record ReleaseTicket(string TicketId, string Why) : EngineerEffect;

/// <summary>The region the engineer left stops indexing them.</summary>
public sealed record LeaveRegion(string RegionId) : EngineerEffect;
