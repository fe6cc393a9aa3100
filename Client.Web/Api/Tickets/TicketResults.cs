using Dispatch.Grains.Tickets;

namespace Dispatch.Web.Api.Tickets;

/// <summary>How the ticket grain's answers look over HTTP.</summary>
public static class TicketResults
{
    private static readonly string[] DiffersFromFirstRequest = ["differs from the request that first used this key"];

    public static IResult From(TicketReply reply)
    {
        if (reply.Refusal is { } refusal)
        {
            return Problem(refusal);
        }
        var ticket = reply.Ticket!;
        return reply.Created ? Results.Created($"/api/tickets/{ticket.Id}", ticket) : Results.Ok(ticket);
    }

    /// <summary>A refusal as ProblemDetails: 400 naming the field, 404, 403, 409, or 422 naming the fields a reused key's request changed.</summary>
    public static IResult Problem(TicketRefusal refusal) =>
            refusal.Kind switch
            {
                RefusalKind.Invalid => Results.ValidationProblem(
                    new Dictionary<string, string[]> { [refusal.Field ?? "body"] = [refusal.Message] }, title: "The request is not valid"),
                RefusalKind.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: refusal.Message),
                RefusalKind.Forbidden => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not yours to do", detail: refusal.Message),
                RefusalKind.KeyReused => Results.ValidationProblem(
                    (refusal.Field ?? "body").Split(',').ToDictionary(field => field, _ => DiffersFromFirstRequest),
                    detail: refusal.Message, statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "This idempotency key was already used for a different request"),
                RefusalKind.NotYet => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not yet: try again in a moment", detail: refusal.Message),
                _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "That transition does not exist", detail: refusal.Message),
            };

    public static IResult NotFound(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such ticket", detail: $"ticket '{id}' does not exist");
}
