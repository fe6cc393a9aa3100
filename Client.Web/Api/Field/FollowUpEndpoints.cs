using System.Security.Claims;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Engineers;
using Dispatch.Grains.Tickets;
using Dispatch.Web.Api.Tickets;
using Dispatch.Web.Auth;

namespace Dispatch.Web.Api.Field;

/// <summary>
/// POST /api/tickets/{id}/follow-up: an engineer on site finds more to do and opens a ticket for the same customer,
/// at the same place and of the same service type; it goes through triage and dispatch like any other.
/// </summary>
public static class FollowUpEndpoints
{
    public const string Channel = "field";

    public sealed record FollowUpRequest(string? Title, string? Description, string? Priority);

    public static void MapFollowUpEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/tickets/{id}/follow-up", Open)
            .RequireAuthorization(Policies.FieldWork)
            .WithTags("Field work")
            .WithSummary("Open a follow-up ticket for the customer of a job the engineer is on site at");
    }

    private static async Task<IResult> Open(string id, FollowUpRequest body, ClaimsPrincipal user, IClusterClient cluster)
    {
        var errors = new FieldErrors();
        var title = errors.Line("title", body.Title, 200);
        var description = errors.Text("description", body.Description, 4000, required: false);
        var priority = body.Priority is null ? Priority.P3 : errors.OneOf<Priority>("priority", body.Priority);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        if (!FieldErrors.IsIdentifier(id))
        {
            return TicketResults.NotFound(id);
        }
        var engineerId = DispatchClaims.EngineerIdOf(user)!;
        var engineer = await cluster.Grain<IEngineerGrain>(engineerId).GetView();
        var job = engineer is not null && engineer.Jobs.Contains(id) ? await cluster.Grain<ITicketGrain>(id).GetView() : null;
        if (job is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your job", detail: $"Ticket '{id}' is not one of your jobs.");
        }
        if (job.Status != TicketStatus.OnSite)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not on site",
                detail: $"A follow-up is opened on site; ticket '{id}' is {job.Status}.");
        }
        var open = new OpenTicket(job.CustomerId, title!, description ?? $"Follow-up of {id}, found on site by {engineerId}.", job.ServiceType, priority!.Value,
            job.Location, job.RequiredSkills, Channel, null, engineerId);
        return TicketResults.From(await cluster.Grain<ITicketGrain>(TicketIds.New()).Open(open, CallerActor.Of(user)));
    }
}
