using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dispatch.Silo.Projections;

public static class ProjectionServices
{
    /// <summary>The read side: the projector and its hosted loop, on the silo's PostgreSQL.</summary>
    public static IServiceCollection AddReadSideProjections(this IServiceCollection services, string connectionString,
        string? reportZone = null)
    {
        services.AddMetrics();
        services.AddKeyedSingleton(ReadModelProjector.Projection, (_, _) => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton(sp => new ReadModelProjector(sp.GetRequiredKeyedService<NpgsqlDataSource>(ReadModelProjector.Projection),
            reportZone ?? ReadModelProjector.DefaultReportZone));
        services.AddSingleton<ProjectionMetrics>();
        services.AddHostedService(sp => new ProjectionService(sp.GetRequiredService<ReadModelProjector>(),
            sp.GetRequiredKeyedService<NpgsqlDataSource>(ReadModelProjector.Projection), sp.GetRequiredService<ProjectionMetrics>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ProjectionService>>()));
        return services;
    }
}
