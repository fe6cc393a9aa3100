using System.Security.Claims;
using System.Text.Encodings.Web;
using Dispatch.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dispatch.Web.Accounts;

/// <summary>
/// Authenticates "Authorization: ApiKey KEY" or "X-Api-Key: KEY" as the key's scope: an intake caller speaking for the
/// key's channel (see <see cref="IntakeCaller"/>), named "apikey:ID" on timelines.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    public const string Header = "X-Api-Key";

    /// <summary>Whether a request presents an API key (then this scheme, not the bearer scheme, judges it).</summary>
    public static bool Presents(HttpRequest request) =>
        request.Headers.ContainsKey(Header) ||
        request.Headers.Authorization.ToString().StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase);

    private static string? Presented(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization[(SchemeName.Length + 1)..].Trim();
        }
        return request.Headers[Header].ToString() is { Length: > 0 } key ? key.Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Presented(Request) is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }
        if (Context.RequestServices.GetService<ApiKeys>() is not { } keys)
        {
            return AuthenticateResult.Fail("API keys need Dispatch's accounts (PostgreSQL storage).");
        }
        if (await keys.AuthenticateAsync(presented, Context.RequestAborted) is not { } key)
        {
            return AuthenticateResult.Fail("unknown or revoked API key");
        }
        var claims = new List<Claim>
        {
            new(DispatchClaims.Subject, $"apikey:{key.Id}"),
            new(DispatchClaims.Role, key.Scope == "intake" ? Roles.Intake : key.Scope),
            new("name", key.Name),
        };
        if (key.Channel is not null)
        {
            claims.Add(new(DispatchClaims.Channel, key.Channel));
        }
        var identity = new ClaimsIdentity(claims, SchemeName, DispatchClaims.Subject, DispatchClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
