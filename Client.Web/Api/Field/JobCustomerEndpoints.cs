using System.Security.Claims;
using Dispatch.Domain.Geo;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Tickets;
using Dispatch.Web.Api.Tickets;

namespace Dispatch.Web.Api.Field;

/// <summary>GET /api/tickets/{id}/customer: the job card's customer, for the engineer the job is offered or assigned to.</summary>
public static class JobCustomerEndpoints
{
    /// <summary>A registered site this close to the job's point is where the job is.</summary>
    public const double SiteReachMeters = 300;

    private const int RecentShown = 5;
    private const int OpenLooked = 20;

    public static void MapJobCustomerEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/tickets/{id}/customer", Read)
            .RequireAuthorization()
            .WithTags("Field work")
            .WithSummary("The customer of a job: name, site, contact, recent tickets and what is open at the site (the engineer it is offered or assigned to, or operations)")
            .Produces<JobCustomerCard>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Read(string id, ClaimsPrincipal user, IClusterClient cluster)
    {
        if (!FieldErrors.IsIdentifier(id))
        {
            return TicketResults.NotFound(id);
        }
        if (!await JobCustomerAccess.MayReadAsync(user, id, cluster))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your job",
                detail: $"Ticket '{id}' is not offered or assigned to you, so its customer is not yours to read.");
        }
        var ticket = await cluster.Grain<ITicketGrain>(id).GetView();
        if (ticket is null)
        {
            return TicketResults.NotFound(id);
        }
        var overview = await cluster.Grain<ICustomerGrain>(ticket.CustomerId).GetOverview();
        var site = SiteOf(overview?.Profile, ticket.Location);
        var openAtSite = overview is null ? [] : await OpenAtSiteAsync(overview, ticket.Id, site, cluster);
        return Results.Ok(new JobCustomerCard(
            ticket.Id,
            ticket.CustomerId,
            overview?.Profile.Name,
            overview?.Profile.Tier ?? ticket.CustomerTier,
            overview?.Profile.Phone,
            overview?.Profile.Email,
            site,
            overview?.RecentTickets.Where(t => t.TicketId != ticket.Id).Take(RecentShown).ToList() ?? [],
            openAtSite));
    }

    private static JobSite SiteOf(CustomerProfile? profile, Position at)
    {
        var nearest = (profile?.Sites ?? [])
            .Select(s => (Site: s, Meters: GreatCircle.DistanceMeters(new Position(s.Lat, s.Lon), at)))
            .Where(s => s.Meters <= SiteReachMeters)
            .OrderBy(s => s.Meters)
            .FirstOrDefault();
        return nearest.Site is { } site
            ? new JobSite(site.Id, site.Name, site.Address, site.Lat, site.Lon, nearest.Meters)
            : new JobSite(null, null, null, at.Lat, at.Lon, null);
    }

    /// <summary>The customer's other open tickets whose point lies at the same site.</summary>
    private static async Task<IReadOnlyList<CustomerTicket>> OpenAtSiteAsync(CustomerOverview overview, string ticketId, JobSite site, IClusterClient cluster)
    {
        var others = overview.OpenTickets.Where(t => t.TicketId != ticketId).Take(OpenLooked).ToList();
        var views = await Task.WhenAll(others.Select(t => cluster.Grain<ITicketGrain>(t.TicketId).GetView()));
        var here = new Position(site.Lat, site.Lon);
        return [.. others.Where((t, i) => views[i] is { } v
            && GreatCircle.DistanceMeters(here, v.Location) <= SiteReachMeters)];
    }
}
