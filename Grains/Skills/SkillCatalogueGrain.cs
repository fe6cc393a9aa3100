using Dispatch.Grains.Common;
using Dispatch.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Grains.Skills;

[GenerateSerializer, Alias("dispatch.skills.catalogue-state")]
public sealed class SkillCatalogueState
{
    [Id(0)] public long Version { get; set; }
    [Id(1)] public List<Skill> Skills { get; set; } = [];
}

/// <summary>
/// Holds the skill catalogue. Seeded from configuration the first time it wakes (so that a deployment from before
/// the catalogue, and the load generator, find the skills they always used); afterwards only admins change it.
/// The web nodes judge requests against it; the grain trusts what they send.
/// </summary>
public sealed class SkillCatalogueGrain(
    [PersistentState("skill-catalogue", StorageNames.Dispatch)] IPersistentState<SkillCatalogueState> state,
    IOptions<SkillCatalogueOptions> configured,
    ILogger<SkillCatalogueGrain> logger) : Grain, ISkillCatalogueGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Version == 0)
        {
            var defaults = configured.Value.Defaults.Distinct(StringComparer.Ordinal).Select(id => new Skill(id, id, null)).ToList();
            state.State = new SkillCatalogueState { Version = 1, Skills = defaults };
            await state.WriteStateAsync(cancellationToken);
            logger.LogInformation("Skill catalogue seeded from configuration: {Count} skills", defaults.Count);
        }
    }

    public Task<SkillCatalogue> Read() => Task.FromResult(Current());

    public async Task<SkillCatalogue> Save(Skill skill, Actor by)
    {
        var skills = state.State.Skills.Where(s => s.Id != skill.Id).Append(skill).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        await Replace(skills);
        logger.LogInformation("Skill {SkillId} saved by {Actor} ({Role})", skill.Id, by.Name, by.Role);
        return Current();
    }

    public async Task<bool> Remove(string skillId, Actor by)
    {
        if (!state.State.Skills.Any(s => s.Id == skillId))
        {
            return false;
        }
        await Replace([.. state.State.Skills.Where(s => s.Id != skillId)]);
        logger.LogInformation("Skill {SkillId} removed by {Actor} ({Role})", skillId, by.Name, by.Role);
        return true;
    }

    private async Task Replace(List<Skill> skills)
    {
        state.State = new SkillCatalogueState { Version = state.State.Version + 1, Skills = skills };
        await state.WriteStateAsync();
    }

    private SkillCatalogue Current() => new(state.State.Version, state.State.Skills);
}
