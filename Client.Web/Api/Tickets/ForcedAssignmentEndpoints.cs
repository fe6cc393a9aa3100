using System.Security.Claims;
using Dispatch.Grains.Engineers;
using Dispatch.Grains.Tickets;
using Dispatch.Web.Auth;
using Dispatch.Web.Http;

namespace Dispatch.Web.Api.Tickets;

/// <summary>
/// A supervisor's forced assignment: the ticket goes to the chosen engineer's jobs at once, without waiting for
/// them to accept. Unlike an offer (POST /assign, any dispatcher), it is recorded as the supervisor's accept, so
/// the timeline says who decided for the engineer.
/// </summary>
public static class ForcedAssignmentEndpoints
{
    public static void MapForcedAssignmentEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/tickets").WithTags("Tickets")
            .MapPost("/{id}/force-assign", ForceAssign)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Supervisor, Roles.Admin))
            .WithSummary("Assign to an engineer without an offer (supervisors): the engineer has the job at once");
    }

    private static async Task<IResult> ForceAssign(string id, Engineers.AssignRequest body, ClaimsPrincipal user, IClusterClient cluster)
    {
        var (problem, engineerId, reason) = await AssignmentRequestCheck.CheckAsync(id, body, cluster);
        if (problem is not null)
        {
            return problem;
        }
        var by = CallerActor.Of(user);
        var why = reason is null ? "forced assignment" : $"forced assignment: {reason}";
        var ticket = cluster.Grain<ITicketGrain>(id);
        var offered = await ticket.AssignByHand(engineerId, by, why);
        if (offered.Refusal is not null)
        {
            return TicketResults.From(offered);
        }
        // The engineer's grain takes the job as if its owner had accepted, one call at a time with its capacity.
        var taken = await cluster.Grain<IEngineerGrain>(engineerId).Accept(id, by, null);
        return taken.Refusal is { } refusal ? TicketResults.Problem(refusal) : TicketResults.From(TicketReply.Of(taken.Ticket ?? (await ticket.GetView())!));
    }
}
