using Dispatch.Web.Auth;

namespace Dispatch.Web.Api.Tickets;

/// <summary>The names a phone intake form offers: the cluster's service types, as intake judges them.</summary>
public static class ServiceTypeEndpoints
{
    public static void MapServiceTypeEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/service-types", async (KnownNames known) => Results.Ok((await known.CurrentAsync()).ServiceTypes))
            .RequireAuthorization(Policies.ReadTickets).WithTags("Tickets")
            .WithSummary("The service types a ticket may have (from the service catalogue)");
    }
}
