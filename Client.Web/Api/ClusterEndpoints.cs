using Dispatch.Web.Auth;

namespace Dispatch.Web.Api;

/// <summary>GET /api/cluster: the silos that form the cluster, as its membership table sees them.</summary>
public static class ClusterEndpoints
{
    public sealed record SiloView(string Address, string Name, string HostName, string Status, DateTime StartedAt, DateTime LastAliveAt);

    public static void MapClusterEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/cluster", async (IClusterClient client) =>
            {
                var silos = await client.Grain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
                return silos
                    .OrderBy(s => s.SiloName, StringComparer.Ordinal)
                    .Select(s => new SiloView(s.SiloAddress.ToParsableString(), s.SiloName, s.HostName, s.Status.ToString(), s.StartTime, s.IAmAliveTime))
                    .ToList();
            })
            .RequireAuthorization(Policies.Operations)
            .WithTags("Cluster")
            .WithSummary("The cluster's silos and their status");
    }
}
