using Dispatch.Grains.Tickets;

namespace Dispatch.Web.Api.Field;

/// <summary>What the engineer's field app needs beyond the field actions themselves: one place to map it.</summary>
public static class FieldAppEndpoints
{
    public static void MapFieldAppEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapJobCustomerEndpoints();
        api.MapPhotoEndpoints();
        api.MapFollowUpEndpoints();
        api.MapPushSubscriptionEndpoints();
        api.MapGet("/field/catalog", async (IClusterClient cluster) =>
                Results.Ok((await cluster.Grain<IServiceCatalogGrain>(0).Read()).Reports))
            .RequireAuthorization()
            .WithTags("Field work")
            .WithSummary("What a service report is made of: the checklist per service type, fault codes, parts, photo limits");
    }
}
