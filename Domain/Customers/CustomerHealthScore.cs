namespace Dispatch.Domain.Customers;

/// <summary>A customer's health, 0 (about to leave) to 100 (no sign of trouble), and the penalties that explain it.</summary>
public sealed record CustomerHealthScore(int Score, IReadOnlyList<HealthPenalty> Penalties)
{
    /// <summary>The best score: what a customer without history has.</summary>
    public const int Perfect = 100;

    public bool IsBelow(int threshold) => Score < threshold;

    /// <summary>Points per factor, every factor listed (0 when it costs nothing) so the breakdown always has the same shape.</summary>
    public IReadOnlyDictionary<string, int> PointsByFactor() =>
        Penalties.ToDictionary(p => p.Factor, p => p.Points, StringComparer.Ordinal);
}
