using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Grains.Skills;

public static class SkillServices
{
    /// <summary>What the skill catalogue grain needs in the silo: the default skills from configuration.</summary>
    public static IServiceCollection AddSkillCatalogue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SkillCatalogueOptions>().Bind(configuration.GetSection(SkillCatalogueOptions.SectionName));
        return services;
    }
}
