using Dispatch.Grains.Dispatching;
using Dispatch.Web.Auth;

namespace Dispatch.Web.Api.Regions;

/// <summary>GET /api/regions/{id}: a region's dispatch queue and engineers, for dispatchers.</summary>
public static class RegionEndpoints
{
    public static void MapRegionEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/regions/{id}", async (string id, IClusterClient cluster, KnownNames known) =>
            {
                // Checked against the catalogue first: a region grain for an unknown id fails its activation.
                if (!FieldErrors.IsIdentifier(id) || !(await known.CurrentAsync()).IsRegion(id))
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such region", detail: $"region '{id}' does not exist");
                }
                return Results.Ok(await cluster.Grain<IRegionDispatcherGrain>(id).GetView());
            })
            .RequireAuthorization(Policies.Operations)
            .WithTags("Regions")
            .WithSummary("The region's queue of waiting tickets and its engineers");
    }
}
