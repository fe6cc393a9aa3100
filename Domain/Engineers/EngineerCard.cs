using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Engineers;

/// <summary>Who an engineer is and what they can do.</summary>
/// <param name="Skills">Skill tag → proficiency 0-100.</param>
/// <param name="ShiftCalendar">The SLA book calendar that is their shift; null means always on shift.</param>
/// <param name="Capacity">How many jobs they may hold at once (at least one counts).</param>
public sealed record EngineerCard(
    string Name,
    IReadOnlyDictionary<string, int> Skills,
    Position HomeBase,
    string? ShiftCalendar,
    int Capacity,
    string? Phone)
{
    /// <summary>The capacity dispatch honours: an engineer can always hold one job.</summary>
    public int JobsAtOnce => Math.Max(1, Capacity);

    public bool SameSkills(EngineerCard other) =>
        Skills.Count == other.Skills.Count && Skills.All(s => other.Skills.TryGetValue(s.Key, out var level) && level == s.Value);
}
