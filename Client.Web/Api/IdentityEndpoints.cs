using Dispatch.Web.Auth;

namespace Dispatch.Web.Api;

/// <summary>GET /api/me: who the caller's token says they are; the web apps use it after login.</summary>
public static class IdentityEndpoints
{
    public sealed record CallerIdentity(string? Name, IReadOnlyList<string> Roles, string? EngineerId);

    public static void MapIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/me", (HttpContext context) => new CallerIdentity(
                context.User.Identity?.Name,
                [.. context.User.FindAll(DispatchClaims.Role).Select(c => c.Value)],
                DispatchClaims.EngineerIdOf(context.User)))
            .WithTags("Identity")
            .WithSummary("The caller's name, roles and engineer id");
    }
}
