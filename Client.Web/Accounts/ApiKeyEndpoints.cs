using System.Security.Claims;
using Dispatch.Web.Api;
using Dispatch.Web.Auth;

namespace Dispatch.Web.Accounts;

/// <summary>/api/admin/api-keys: admins create (the key is shown once), list and revoke integrators' keys.</summary>
public static class ApiKeyEndpoints
{
    public sealed record CreateKeyRequest(string? Name, string? Scope, string? Channel);

    public static void MapApiKeyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var keys = endpoints.MapGroup("/admin/api-keys").RequireAuthorization(Policies.Administration).WithTags("Accounts");
        keys.MapGet("/", async (ApiKeys all) => Results.Ok(await all.AllAsync())).WithSummary("Every API key (never the secret)");
        keys.MapPost("/", Create).WithSummary("Create an API key; the answer holds the key, shown this once");
        keys.MapDelete("/{id}", async (string id, ApiKeys all) =>
                await all.RevokeAsync(id) ? Results.NoContent() : Results.Problem(title: "No such API key", statusCode: StatusCodes.Status404NotFound))
            .WithSummary("Revoke an API key: it stops working at once on this node, within seconds on others");
    }

    private static async Task<IResult> Create(CreateKeyRequest body, ClaimsPrincipal caller, ApiKeys keys)
    {
        var errors = new FieldErrors();
        var name = errors.Line("name", body.Name, 100);
        var scope = errors.OneOf("scope", body.Scope ?? ApiKeys.Scopes[0], ApiKeys.Scopes);
        var channel = errors.Identifier("channel", body.Channel, required: false);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var created = await keys.CreateAsync(name!, scope!, channel, caller.Identity?.Name ?? "unknown");
        return Results.Created($"/api/admin/api-keys/{created.Id}", created);
    }
}
