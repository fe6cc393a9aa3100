using Dispatch.Grains.Common;
using Dispatch.Grains.Tickets;
using Dispatch.Web.Api;
using Dispatch.Web.Api.Tickets;

namespace Dispatch.Web.CustomerLinks;

/// <summary>
/// The customer's status link, with no account: <c>GET /t/{token}</c> opens the page, <c>/t/{token}/status</c> is the
/// ticket's public view, and the customer confirms the job, says it is not done, or answers the survey. A forged,
/// altered or expired link, and one for a ticket that does not exist, all get the same bare 404.
/// </summary>
public static class CustomerLinkEndpoints
{
    public const string Page = "/customer.html";

    public static void MapCustomerLinks(this IEndpointRouteBuilder app)
    {
        var links = app.MapGroup("/t/{token}").AllowAnonymous().AddEndpointFilter<CustomerLinkLimiter>().WithTags("Customer link")
            .AddEndpointFilter(async (context, next) =>
            {
                // The answers describe one customer's job: never kept by a cache.
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return await next(context);
            });

        links.MapGet("/", async (string token, CustomerTickets tickets) =>
                await tickets.FindAsync(token) is null
                    ? Gone()
                    // The page reads the token from the fragment, which is never sent to a server or a log.
                    : Results.Redirect($"{Page}#{Uri.EscapeDataString(token)}"))
            .WithSummary("The customer's status page");
        links.MapGet("/status", async (string token, CustomerTickets tickets, CustomerViews views) =>
                await tickets.FindAsync(token) is { } found ? Results.Ok(await views.ViewAsync(found.View)) : Gone())
            .WithSummary("The ticket as its customer sees it");
        links.MapPost("/confirm", (string token, CustomerTickets tickets, CustomerViews views) =>
                Act(token, tickets, views, (grain, customer) => grain.ConfirmCompletion(customer)))
            .WithSummary("The customer confirms the job is done (event CompletionConfirmed)");
        links.MapPost("/not-done", (string token, NotDoneRequest body, CustomerTickets tickets, CustomerViews views) =>
            {
                var errors = new FieldErrors();
                var comment = errors.Text("comment", body.Comment, 2000, required: false);
                var reason = "the customer says the job is not done" + (string.IsNullOrWhiteSpace(comment) ? "" : ": " + comment);
                return errors.Any ? Task.FromResult(errors.ToProblem()) : Act(token, tickets, views, (grain, customer) => grain.Reopen(customer, reason));
            })
            .WithSummary("The customer says the job is not done: the ticket is reopened, within its reopen window");
        links.MapPost("/survey", (string token, CustomerSurveyRequest body, CustomerTickets tickets, CustomerViews views) =>
            {
                var errors = new FieldErrors();
                var survey = TicketRequestValidation.Validate(new SurveyRequest(body.Csat, body.Nps, body.Comment, null, body.Ces), errors);
                return survey is null ? Task.FromResult(errors.ToProblem()) : Act(token, tickets, views, (grain, customer) => grain.RecordSurvey(survey, customer));
            })
            .WithSummary("The customer's survey: CSAT 1-5, NPS 0-10, CES 1-7, a comment");
    }

    private static async Task<IResult> Act(string token, CustomerTickets tickets, CustomerViews views, Func<ITicketGrain, Actor, Task<TicketReply>> command)
    {
        if (await tickets.FindAsync(token) is not { } found)
        {
            return Gone();
        }
        var reply = await command(found.Grain, new Actor(found.View.CustomerId, "customer"));
        return reply.Ticket is { } ticket ? Results.Ok(await views.ViewAsync(ticket)) : TicketResults.Problem(reply.Refusal!);
    }

    /// <summary>The same answer for every link that does not open: it tells nobody whether a ticket exists.</summary>
    private static IResult Gone() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "This link is not valid, or no longer.");
}

public sealed record NotDoneRequest(string? Comment);

public sealed record CustomerSurveyRequest(int? Csat, int? Nps, int? Ces, string? Comment);
