using System.Security.Claims;
using Dispatch.Grains.Skills;
using Dispatch.Web.Auth;

namespace Dispatch.Web.Api.Skills;

/// <summary>
/// The skill catalogue over HTTP: operations read it; admins add, rename and remove skills. Engineers' skills and
/// tickets' required skills must come from it. Removing a skill does not touch the engineers and open tickets that
/// have it (finding them would mean waking every engineer); it only stops new requests from naming it.
/// </summary>
public static class SkillEndpoints
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 500;

    public static void MapSkillEndpoints(this IEndpointRouteBuilder api)
    {
        var skills = api.MapGroup("/skills").WithTags("Skills");

        skills.MapGet("", async (IClusterClient cluster) => Results.Ok(await cluster.Grain<ISkillCatalogueGrain>(0).Read()))
            .RequireAuthorization(Policies.Operations)
            .WithSummary("The skill catalogue: the skills engineers may have and tickets may require");

        skills.MapPut("/{id}", async (string id, SkillRequest? body, ClaimsPrincipal user, IClusterClient cluster, SkillCatalogueCache cache) =>
            {
                var errors = new FieldErrors();
                errors.Identifier("id", id);
                var name = errors.Text("name", body?.Name, MaxNameLength);
                var description = errors.Text("description", body?.Description, MaxDescriptionLength, required: false);
                if (errors.Any)
                {
                    return errors.ToProblem();
                }
                var catalogue = cluster.Grain<ISkillCatalogueGrain>(0);
                var existed = (await catalogue.Read()).Contains(id);
                var saved = await catalogue.Save(new Skill(id, name!, description), CallerActor.Of(user));
                cache.Invalidate();
                return existed ? Results.Ok(saved) : Results.Created($"/api/skills/{id}", saved);
            })
            .RequireAuthorization(Policies.Administration)
            .WithSummary("Add a skill, or change its name and description");

        skills.MapDelete("/{id}", async (string id, ClaimsPrincipal user, IClusterClient cluster, SkillCatalogueCache cache) =>
            {
                if (!FieldErrors.IsIdentifier(id) || !await cluster.Grain<ISkillCatalogueGrain>(0).Remove(id, CallerActor.Of(user)))
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such skill", detail: $"skill '{(FieldErrors.IsIdentifier(id) ? id : "?")}' is not in the catalogue");
                }
                cache.Invalidate();
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.Administration)
            .WithSummary("Remove a skill: new engineers and tickets may no longer name it; those that have it keep it");
    }

    /// <summary>The checks every request that names skills makes: each must be in the catalogue.</summary>
    public static async Task RequireKnownAsync(this SkillCatalogueCache cache, IReadOnlyList<(string Field, string SkillId)> named, FieldErrors errors)
    {
        var unknown = await cache.UnknownAsync(named.Select(n => n.SkillId).ToList());
        foreach (var (index, skillId) in unknown)
        {
            errors.Add(named[index].Field, $"'{skillId}' is not a skill in the catalogue (GET /api/skills lists them)");
        }
    }
}

/// <summary>The body of PUT /api/skills/{id}.</summary>
public sealed record SkillRequest(string? Name, string? Description);
