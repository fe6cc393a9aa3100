namespace Dispatch.Domain.Dispatching;

/// <summary>A qualifying engineer and the great-circle distance to the ticket.</summary>
public sealed record Candidate(EngineerFacts Engineer, double DistanceMeters);
