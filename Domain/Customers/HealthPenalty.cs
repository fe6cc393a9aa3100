namespace Dispatch.Domain.Customers;

/// <summary>Points one factor takes off the health score, with the figures behind them in words.</summary>
/// <param name="Factor">One of <see cref="HealthFactors"/>.</param>
/// <param name="Points">Points taken off, from 0 to <paramref name="MaxPoints"/>.</param>
/// <param name="MaxPoints">The most this factor can ever take off.</param>
/// <param name="Reason">The figures that gave the points, e.g. "7 tickets in the last 30 days (2 are usual)".</param>
public sealed record HealthPenalty(string Factor, int Points, int MaxPoints, string Reason);
