using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Dispatching;

/// <summary>
/// What candidate search needs to know about an engineer, copied from the engineer's own state. The engineer
/// grain stays the authority: a match here is a proposal that the grain re-checks when it reserves the job.
/// </summary>
/// <param name="Skills">Skill tag → proficiency 0..100. A skill counts as held only with a proficiency above 0.</param>
/// <param name="Available">The status allows offers and the engineer is on shift now.</param>
public sealed record EngineerFacts(
    string Id,
    Position Position,
    IReadOnlyDictionary<string, int> Skills,
    int Capacity,
    int ActiveJobs,
    bool Available)
{
    /// <summary>Free to take one more job: available and under capacity.</summary>
    public bool HasRoom => Available && ActiveJobs < Capacity;

    /// <summary>
    /// Could be offered a job needing <paramref name="skills"/> at <paramref name="at"/>: room for it, every skill, and
    /// within <paramref name="radiusMeters"/>. The rule <see cref="EngineerIndex.Nearest"/> applies (with its skill bits).
    /// </summary>
    public bool CouldTake(IReadOnlyCollection<string> skills, Position at, double radiusMeters) =>
        HasRoom && HoldsAll(skills) && GreatCircle.DistanceMeters(Position, at) <= radiusMeters;

    public bool Holds(string skill) => Skills.TryGetValue(skill, out var proficiency) && proficiency > 0;

    public bool HoldsAll(IReadOnlyCollection<string> skills)
    {
        foreach (var skill in skills)
        {
            if (!Holds(skill))
            {
                return false;
            }
        }

        return true;
    }
}
