namespace Dispatch.Web.Auth;

/// <summary>
/// POST /api/dev/token: a signed token for any role, so that a developer can try Dispatch without an
/// identity provider. Mapped only in the Development environment; elsewhere the route does not exist.
/// </summary>
public static class DevTokenEndpoint
{
    public sealed record DevTokenRequest(string? Role, string? EngineerId, string? Name, string? Channel = null);

    public sealed record DevTokenResponse(string Token, string Role, string? EngineerId, DateTimeOffset ExpiresAt);

    public static void MapDevTokenEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/dev/token", Issue)
            .AllowAnonymous()
            .WithTags("Development")
            .WithSummary("Issue a signed token for a role (Development only)");
    }

    private static IResult Issue(DevTokenRequest request, AuthSettings settings, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Role) || !Roles.All.Contains(request.Role))
        {
            errors["role"] = [$"role must be one of: {string.Join(", ", Roles.All)}"];
        }
        if (request.Role == Roles.Engineer && !Api.FieldErrors.IsIdentifier(request.EngineerId))
        {
            errors["engineerId"] = [$"an engineer token needs engineerId: {Api.FieldErrors.IdentifierRule}"];
        }
        if (request.Channel is not null && (request.Role != Roles.Intake || !Api.FieldErrors.IsIdentifier(request.Channel)))
        {
            errors["channel"] = ["only an intake token names a channel: 1-64 letters, digits, '.', '_' or '-'"];
        }
        if (request.Name is { Length: > 100 })
        {
            errors["name"] = ["name must be at most 100 characters"];
        }
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var expires = now + settings.DevTokenLifetime;
        var claims = new Dictionary<string, object>
        {
            [DispatchClaims.Subject] = request.Name ?? (request.EngineerId is null ? $"dev-{request.Role}" : $"engineer-{request.EngineerId}"),
            [DispatchClaims.Role] = request.Role!,
        };
        if (request.Role == Roles.Engineer)
        {
            claims[DispatchClaims.EngineerId] = request.EngineerId!;
        }
        if (request.Channel is not null)
        {
            claims[DispatchClaims.Channel] = request.Channel;
        }
        var token = SignedTokens.Sign(settings, claims, now, expires, "Development tokens");
        return Results.Ok(new DevTokenResponse(token, request.Role!, request.Role == Roles.Engineer ? request.EngineerId : null, expires));
    }
}
