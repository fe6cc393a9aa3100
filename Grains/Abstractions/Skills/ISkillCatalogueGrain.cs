using Dispatch.Grains.Common;

namespace Dispatch.Grains.Skills;

/// <summary>
/// The skill catalogue (key: 0): the skills engineers may have and tickets may require. Seeded from the
/// "Skills:Defaults" configuration the first time; afterwards admins manage it and the stored catalogue is the truth.
/// </summary>
public interface ISkillCatalogueGrain : IGrainWithIntegerKey
{
    [Orleans.Concurrency.ReadOnly]
    Task<SkillCatalogue> Read();

    /// <summary>Adds the skill, or changes the name and description of the one with its id.</summary>
    Task<SkillCatalogue> Save(Skill skill, Actor by);

    /// <summary>Removes the skill; false when there was none. Engineers and tickets that have it keep it.</summary>
    Task<bool> Remove(string skillId, Actor by);
}

[GenerateSerializer, Immutable, Alias("dispatch.skills.skill")]
public sealed record Skill([property: Id(0)] string Id, [property: Id(1)] string Name, [property: Id(2)] string? Description);

/// <summary>The catalogue at a version; every change bumps it, so a web node knows whether what it holds is current.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.skills.catalogue")]
public sealed record SkillCatalogue([property: Id(0)] long Version, [property: Id(1)] IReadOnlyList<Skill> Skills)
{
    public bool Contains(string skillId) => Skills.Any(s => string.Equals(s.Id, skillId, StringComparison.Ordinal));
}
