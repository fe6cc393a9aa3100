using Dispatch.Grains.Tickets;

namespace Dispatch.Web.Api.Tickets;

/// <summary>How the ticket grain's answers look over HTTP.</summary>
public static class TicketResults
{
    public static IResult From(TicketReply reply)
    {
        if (reply.Refusal is { } refusal)
        {
            return refusal.Kind switch
            {
                RefusalKind.Invalid => Results.ValidationProblem(
                    new Dictionary<string, string[]> { [refusal.Field ?? "body"] = [refusal.Message] }, title: "The request is not valid"),
                RefusalKind.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such ticket", detail: refusal.Message),
                RefusalKind.Forbidden => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not yours to do", detail: refusal.Message),
                _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "That transition does not exist", detail: refusal.Message),
            };
        }
        var ticket = reply.Ticket!;
        return reply.Created ? Results.Created($"/api/tickets/{ticket.Id}", ticket) : Results.Ok(ticket);
    }

    public static IResult NotFound(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such ticket", detail: $"ticket '{id}' does not exist");
}
