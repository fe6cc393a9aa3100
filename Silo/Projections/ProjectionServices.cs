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
        // The projector sends the same few dozen statements (one per kind of event) thousands of times a second:
        // prepared once per connection, PostgreSQL no longer parses and plans each of them every time (catch-up about
        // 3x faster). The report tests that failed with it on were waiting for less than they then asserted (README).
        services.AddKeyedSingleton(ReadModelProjector.Projection, (_, _) => NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString));
        services.AddSingleton(sp => new ReadModelProjector(sp.GetRequiredKeyedService<NpgsqlDataSource>(ReadModelProjector.Projection),
            reportZone ?? ReadModelProjector.DefaultReportZone));
        services.AddSingleton<ProjectionMetrics>();
        services.AddHostedService(sp => new ProjectionService(sp.GetRequiredService<ReadModelProjector>(),
            sp.GetRequiredKeyedService<NpgsqlDataSource>(ReadModelProjector.Projection), sp.GetRequiredService<ProjectionMetrics>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ProjectionService>>()));
        return services;
    }
}
