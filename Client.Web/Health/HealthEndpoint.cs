using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dispatch.Web.Health;

/// <summary>GET /health: 200 when the cluster and the database both answer, 503 naming the part that does not.</summary>
public static class HealthEndpoint
{
    public static IServiceCollection AddDispatchHealthChecks(this IServiceCollection services)
    {
        // The cluster check asks a silo, so its answer is kept for a second; the database's is never reused.
        services.AddSingleton(sp => new SharedHealthCheck<ClusterHealthCheck>(
            ActivatorUtilities.CreateInstance<ClusterHealthCheck>(sp), sp.GetRequiredService<TimeProvider>(), TimeSpan.FromSeconds(1)));
        services.AddSingleton(sp => new SharedHealthCheck<DatabaseHealthCheck>(
            ActivatorUtilities.CreateInstance<DatabaseHealthCheck>(sp), sp.GetRequiredService<TimeProvider>(), TimeSpan.Zero));
        // Counting the events behind the projector reads the log: under load, one count a second is plenty.
        services.AddSingleton(sp => new SharedHealthCheck<ProjectionLagCheck>(
            ActivatorUtilities.CreateInstance<ProjectionLagCheck>(sp), sp.GetRequiredService<TimeProvider>(), TimeSpan.FromSeconds(1)));
        services.AddHealthChecks()
            .AddCheck<SharedHealthCheck<ClusterHealthCheck>>("cluster")
            .AddCheck<SharedHealthCheck<DatabaseHealthCheck>>("database")
            .AddCheck<SharedHealthCheck<ProjectionLagCheck>>("projections");
        return services;
    }

    public static void MapDispatchHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteReport })
            .AllowAnonymous();
    }

    private static Task WriteReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = Describe(report.Status),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = Describe(entry.Value.Status), description = entry.Value.Description, data = entry.Value.Data }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }

    private static string Describe(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "up",
        // Working, with a part behind (the read side): 200, and said.
        HealthStatus.Degraded => "degraded",
        _ => "down",
    };
}
