using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dispatch.Web.Health;

/// <summary>The cluster is up when a silo answers through this node's client and reports its active members.</summary>
internal sealed class ClusterHealthCheck(IClusterClient client) : IHealthCheck
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var silos = await client.Grain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken).WaitAsync(Patience, cancellationToken);
            return HealthCheckResult.Healthy($"{silos.Count} active silo(s)",
                new Dictionary<string, object> { ["silos"] = silos.Count });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"cluster unreachable: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
