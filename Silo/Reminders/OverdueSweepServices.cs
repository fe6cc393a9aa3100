using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Silo.Reminders;

public static class OverdueSweepServices
{
    /// <summary>The overdue-checkpoint sweep, on every silo that keeps its reminders in PostgreSQL.</summary>
    public static IServiceCollection AddOverdueCheckpointSweep(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddOptions<OverdueSweepOptions>().Bind(configuration.GetSection(OverdueSweepOptions.SectionName));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<OverdueCheckpointSweep>(sp, connectionString));
        services.AddHostedService(sp => sp.GetRequiredService<OverdueCheckpointSweep>());
        return services;
    }
}
