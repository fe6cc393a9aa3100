namespace Dispatch.Domain.Engineers;

/// <summary>A ticket offered to the engineer: held for them until they accept or decline, or it expires.</summary>
public sealed record JobOffer(string TicketId, DateTimeOffset OfferedAt, DateTimeOffset ExpiresAt, double DistanceMeters, TimeSpan Eta);
