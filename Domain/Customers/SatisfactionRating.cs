namespace Dispatch.Domain.Customers;

/// <summary>One CSAT answer (1-5) and when it was given: what the satisfaction part of the health score reads.</summary>
public sealed record SatisfactionRating(DateTimeOffset At, int Csat);
