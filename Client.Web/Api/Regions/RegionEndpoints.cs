using Dispatch.Grains.Dispatching;
using Dispatch.Web.Auth;

namespace Dispatch.Web.Api.Regions;

/// <summary>GET /api/regions/{id}: a region's dispatch queue and engineers, for dispatchers.</summary>
public static class RegionEndpoints
{
    public static void MapRegionEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/regions/{id}", async (string id, IClusterClient cluster) =>
            {
                if (!FieldErrors.IsIdentifier(id))
                {
                    return Results.NotFound();
                }
                try
                {
                    return Results.Ok(await cluster.GetGrain<IRegionDispatcherGrain>(id).GetView());
                }
                catch (KeyNotFoundException)
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such region", detail: $"region '{id}' does not exist");
                }
            })
            .RequireAuthorization(Policies.Operations)
            .WithTags("Regions")
            .WithSummary("The region's queue of waiting tickets and its engineers");
    }
}
