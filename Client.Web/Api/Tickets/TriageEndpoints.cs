using System.Security.Claims;
using Dispatch.Grains.Tickets;
using Dispatch.Web.Api.Skills;
using Dispatch.Web.Auth;

namespace Dispatch.Web.Api.Tickets;

/// <summary>
/// Triage over HTTP beside intake: the service types a form offers, and the correction of what a ticket is (its
/// service type and the skills it needs) before an engineer is offered it.
/// </summary>
public static class TriageEndpoints
{
    public static void MapTriageEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/service-types", async (KnownNames known) => Results.Ok((await known.CurrentAsync()).ServiceTypes))
            .RequireAuthorization(Policies.ReadTickets).WithTags("Tickets")
            .WithSummary("The service types a ticket may have (from the service catalogue)");
        api.MapPost("/tickets/{id}/reclassify", Reclassify)
            .RequireAuthorization(Policies.Operations).WithTags("Tickets")
            .WithSummary("Triage: correct the service type and required skills of a ticket not yet offered to an engineer");
    }

    private static async Task<IResult> Reclassify(string id, ReclassifyRequest body, ClaimsPrincipal user, IClusterClient cluster, KnownNames known,
        SkillCatalogueCache skillCatalogue)
    {
        var errors = new FieldErrors();
        var serviceType = errors.Identifier("serviceType", body.ServiceType);
        if (serviceType is not null && !(await known.CurrentAsync()).ServiceTypes.Contains(serviceType, StringComparer.Ordinal))
        {
            errors.Add("serviceType", $"unknown service type '{serviceType}'");
        }
        var skills = body.RequiredSkills ?? [];
        if (skills.Count > TicketRequestValidation.MaxSkills)
        {
            errors.Add("requiredSkills", $"at most {TicketRequestValidation.MaxSkills} skills");
        }
        else
        {
            for (var i = 0; i < skills.Count; i++)
            {
                errors.Identifier($"requiredSkills[{i}]", skills[i]);
            }
            await skillCatalogue.RequireKnownAsync([.. skills.Select((s, i) => ($"requiredSkills[{i}]", s)).Where(s => FieldErrors.IsIdentifier(s.s))], errors);
        }
        var reason = errors.Text("reason", body.Reason, 2000, required: false);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return FieldErrors.IsIdentifier(id)
            ? TicketResults.From(await cluster.Grain<ITicketGrain>(id).Reclassify(serviceType!, skills, CallerActor.Of(user), reason))
            : TicketResults.NotFound(id);
    }
}

/// <summary>The body of POST /api/tickets/{id}/reclassify; nullable so that a missing field is named.</summary>
public sealed record ReclassifyRequest(string? ServiceType, List<string>? RequiredSkills, string? Reason);
