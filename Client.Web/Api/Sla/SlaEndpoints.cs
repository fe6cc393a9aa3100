using System.Security.Claims;
using Dispatch.Grains.Sla;
using Dispatch.Web.Auth;

namespace Dispatch.Web.Api.Sla;

/// <summary>The SLA book over HTTP: anyone in operations may read it; admins add, change and remove policies.</summary>
public static class SlaEndpoints
{
    public static void MapSlaEndpoints(this IEndpointRouteBuilder api)
    {
        var sla = api.MapGroup("/sla").WithTags("SLA");

        sla.MapGet("/policies", async (IClusterClient cluster) => Results.Ok(await cluster.Grain<ISlaBookGrain>(0).Read()))
            .RequireAuthorization(Policies.Operations)
            .WithSummary("The SLA book: calendars, policies in match order, the default, the rules");

        sla.MapPut("/policies/{id}", async (string id, int? position, SlaPolicyDocument? policy, ClaimsPrincipal user, IClusterClient cluster) =>
            {
                var errors = new FieldErrors();
                if (!FieldErrors.IsIdentifier(id))
                {
                    errors.Add("id", FieldErrors.IdentifierRule);
                }
                if (position is < 0)
                {
                    errors.Add("position", "0 or more");
                }
                if (policy is null)
                {
                    errors.Add("body", "a JSON policy: id, name, match, targets, ladder");
                    return errors.ToProblem();
                }
                else if (policy.Id != id)
                {
                    errors.Add("id", "must equal the id in the path");
                }
                errors.Line("name", policy.Name, 200);
                var book = cluster.Grain<ISlaBookGrain>(0);
                var current = await book.Read();
                // The book's calendars were judged when it was seeded; here they are only what targets may name.
                var mapper = new SlaDocumentMapper();
                mapper.Policy(policy, mapper.Calendars(current.Book.Calendars, "calendars"), "");
                foreach (var (field, messages) in mapper.Errors)
                {
                    foreach (var message in messages)
                    {
                        errors.Add(field, message);
                    }
                }
                if (errors.Any)
                {
                    return errors.ToProblem();
                }
                var existed = current.Book.Policies.Any(p => p.Id == id);
                var saved = await book.SavePolicy(policy, position, CallerActor.Of(user));
                return existed ? Results.Ok(saved) : Results.Created($"/api/sla/policies/{id}", saved);
            })
            .RequireAuthorization(Policies.Administration)
            .WithSummary("Add a policy, or change the one with this id; ?position= places it in the match order");

        sla.MapDelete("/policies/{id}", async (string id, ClaimsPrincipal user, IClusterClient cluster) =>
            {
                var book = cluster.Grain<ISlaBookGrain>(0);
                if (!FieldErrors.IsIdentifier(id) || !(await book.Read()).Book.Policies.Any(p => p.Id == id))
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such policy", detail: $"policy '{id}' does not exist");
                }
                return Results.Ok(await book.RemovePolicy(id, CallerActor.Of(user)));
            })
            .RequireAuthorization(Policies.Administration)
            .WithSummary("Remove a policy; its tickets fall back to the book's match");
    }
}
