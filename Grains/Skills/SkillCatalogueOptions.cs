namespace Dispatch.Grains.Skills;

/// <summary>The "Skills" configuration section: the skills a new cluster's catalogue starts with.</summary>
public sealed class SkillCatalogueOptions
{
    public const string SectionName = "Skills";

    /// <summary>Skill ids; each starts with its id as its name. Used only while the catalogue was never stored.</summary>
    public List<string> Defaults { get; set; } = [];
}
