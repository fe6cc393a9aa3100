using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Dispatching;

/// <summary>
/// The reference answer to candidate search: measure everyone, filter, sort. Tests hold
/// <see cref="EngineerIndex"/> to it and benchmarks measure the index against it.
/// </summary>
public static class BruteForce
{
    public static IReadOnlyList<Candidate> Nearest(
        IEnumerable<EngineerFacts> engineers,
        Position from,
        int k,
        double radiusMeters,
        IReadOnlyCollection<string> requiredSkills,
        Func<EngineerFacts, bool>? extraFilter = null)
    {
        ArgumentNullException.ThrowIfNull(engineers);
        CandidateQuery.Validate(from, k, radiusMeters, requiredSkills);
        if (k <= 0)
        {
            return [];
        }

        return engineers
            .Where(e => e.HasRoom)
            .Select(e => new Candidate(e, GreatCircle.DistanceMeters(from, e.Position)))
            .Where(c => c.DistanceMeters <= radiusMeters
                && c.Engineer.HoldsAll(requiredSkills)
                && (extraFilter is null || extraFilter(c.Engineer)))
            .OrderBy(c => c.DistanceMeters)
            .ThenBy(c => c.Engineer.Id, StringComparer.Ordinal)
            .Take(k)
            .ToList();
    }
}
