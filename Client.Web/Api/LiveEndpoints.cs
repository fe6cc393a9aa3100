using System.Security.Claims;
using Dispatch.Grains.Live;
using Dispatch.Web.Api.Regions;
using Dispatch.Web.Auth;

namespace Dispatch.Web.Api;

/// <summary>The live board over plain HTTP: the regions to draw, the snapshot, acknowledging an alert.</summary>
public static class LiveEndpoints
{
    public static void MapLiveEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/regions", async (IClusterClient cluster) =>
                Results.Text(await cluster.Grain<IOperationsBoardGrain>(0).RegionsGeoJson(), "application/geo+json"))
            .RequireAuthorization()
            .WithTags("Regions")
            .WithSummary("The service regions as a GeoJSON FeatureCollection");

        api.MapGet("/board", async (string? regions, IClusterClient cluster, KnownNames known) =>
            {
                var errors = new FieldErrors();
                var watched = RegionIds.Check("regions", regions?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [], await known.CurrentAsync(), errors);
                return watched is null ? errors.ToProblem() : Results.Ok(await cluster.Grain<IOperationsBoardGrain>(0).Snapshot(watched));
            })
            .RequireAuthorization(Policies.Operations)
            .WithTags("Live")
            .WithSummary("Open tickets, engineers, recent alerts, heatmap cells and KPIs, as of now");

        api.MapPost("/alerts/{id}/acknowledge", async (string id, ClaimsPrincipal user, IClusterClient cluster) =>
            {
                var note = FieldErrors.IsAlertId(id) ? await cluster.Grain<IOperationsBoardGrain>(0).Acknowledge(id, CallerActor.Of(user)) : null;
                return note is null
                    ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such alert", detail: $"alert '{id}' is not in the feed")
                    : Results.Ok(note);
            })
            .RequireAuthorization(Policies.Operations)
            .WithTags("Live")
            .WithSummary("Acknowledge an alert; it goes on the ticket's timeline");
    }
}
