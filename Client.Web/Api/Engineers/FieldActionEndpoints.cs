using System.Security.Claims;
using Dispatch.Grains.Engineers;
using Dispatch.Grains.Tickets;
using Dispatch.Web.Api.Field;
using Dispatch.Web.Api.Tickets;
using Dispatch.Web.Auth;
using Dispatch.Web.Http;

namespace Dispatch.Web.Api.Engineers;

/// <summary>
/// What an engineer does to their offers and jobs. The engineer is the one the token names: acting on a
/// ticket that is not theirs is 403. A device timestamp ("at") counts for the SLA when it is plausible.
/// </summary>
public static class FieldActionEndpoints
{
    public static void MapFieldActionEndpoints(this IEndpointRouteBuilder api)
    {
        var tickets = api.MapGroup("/tickets").WithTags("Field work");

        Map(tickets, "accept", (e, by, id, body, _, detail) => e.Accept(id, by, body.At, detail), "Accept the offer");
        Map(tickets, "decline", (e, by, id, body, _, detail) => e.Decline(id, by, body.Reason, detail), "Decline the offer: it goes to the next candidate");
        Map(tickets, "en-route", (e, by, id, body, _, detail) => e.ReportEnRoute(id, by, body.At, detail), "On the way");
        Map(tickets, "on-site", (e, by, id, body, _, detail) => e.ReportArrival(id, by, body.At, detail), "Arrived: stops the arrival clock");
        Map(tickets, "resolved", (e, by, id, body, report, detail) => e.ReportResolvedWithReport(id, by, report, body.At, detail), "Resolved, with the service report: notes, parts used, checklist, fault code, photos, signature");
        Map(tickets, "waiting-for-parts", (e, by, id, body, _, detail) => e.ReportWaitingForParts(id, by, body.Notes, detail), "Waiting for parts: the SLA clocks stop");

        tickets.MapPost("/{id}/assign", async (string id, AssignRequest body, ClaimsPrincipal user, IClusterClient cluster) =>
            {
                var (problem, engineerId, reason) = await AssignmentRequestCheck.CheckAsync(id, body, cluster);
                if (problem is not null)
                {
                    return problem;
                }
                return TicketResults.From(await cluster.Grain<ITicketGrain>(id).AssignByHand(engineerId, CallerActor.Of(user), reason!));
            })
            .RequireAuthorization(Policies.Operations)
            .WithSummary("Assign or reassign to a chosen engineer, overriding the engine; who and why are recorded");
    }

    /// <remarks>
    /// Answered with the engineer and the ticket as they now are, or, for a caller that sends
    /// <c>Prefer: return=minimal</c> (the field app), 204 without them.
    /// </remarks>
    private static void Map(RouteGroupBuilder tickets, string action,
        Func<IEngineerGrain, Grains.Common.Actor, string, FieldActionRequest, ServiceReportInput, ReplyDetail, Task<FieldReply>> call, string summary)
    {
        tickets.MapPost($"/{{id}}/{action}", async (string id, FieldActionRequest body, ClaimsPrincipal user, IClusterClient cluster, TimeProvider clock, HttpContext http) =>
            {
                var errors = new FieldErrors();
                errors.DeviceTime("at", body.At, clock.GetUtcNow(), required: false);
                errors.Text("reason", body.Reason, 500, required: false);
                errors.Text("notes", body.Notes, 2000, required: false);
                if (body.PartsUsed is { } parts)
                {
                    if (parts.Count > 50)
                    {
                        errors.Add("partsUsed", "at most 50 parts");
                    }
                    for (var i = 0; i < parts.Count && i < 50; i++)
                    {
                        errors.Line($"partsUsed[{i}]", parts[i], 100);
                    }
                }
                if (!errors.Any && body.Report is not null && action != "resolved")
                {
                    errors.Add("report", "a service report goes with \"resolved\" only");
                }
                var report = errors.Any || !FieldErrors.IsIdentifier(id)
                    ? null
                    : await ServiceReportValidation.CheckAsync(id, body, cluster, http, errors);
                if (errors.Any)
                {
                    return errors.ToProblem();
                }
                if (report is null)
                {
                    return TicketResults.NotFound(id);
                }
                var engineerId = DispatchClaims.EngineerIdOf(user)!;
                var minimal = ReturnPreference.WantsMinimal(http.Request);
                var reply = await call(cluster.Grain<IEngineerGrain>(engineerId), CallerActor.Of(user), id, body, report,
                    minimal ? ReplyDetail.OutcomeOnly : ReplyDetail.Views);
                if (reply.Refusal is { } refusal)
                {
                    return TicketResults.Problem(refusal);
                }
                return minimal ? ReturnPreference.Applied(http.Response) : Results.Ok(new { engineer = reply.Engineer, ticket = reply.Ticket });
            })
            .RequireAuthorization(Policies.FieldWork)
            .RequireRateLimiting(Admission.FieldActions)
            .WithSummary(summary);
    }
}
