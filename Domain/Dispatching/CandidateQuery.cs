using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Dispatching;

/// <summary>Argument checks shared by the index and the brute-force reference, so both refuse the same input.</summary>
internal static class CandidateQuery
{
    public static void Validate(Position from, int k, double radiusMeters, IReadOnlyCollection<string> requiredSkills)
    {
        ArgumentNullException.ThrowIfNull(requiredSkills);
        if (!from.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, "The search position must be a valid latitude and longitude.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (double.IsNaN(radiusMeters) || radiusMeters < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(radiusMeters), radiusMeters, "The radius must be zero or more (∞ for no limit).");
        }
    }
}
