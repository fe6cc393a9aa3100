using System.Security.Claims;

namespace Dispatch.Web.Accounts;

/// <summary>Which Dispatch user name the provider's identity names (the configured claim, else the fallback claim).</summary>
public static class ExternalIdentity
{
    public static string? UserName(ClaimsPrincipal principal, ProviderSettings settings)
    {
        var claim = settings.UserNameClaim;
        var value = principal.FindFirst(claim)?.Value;
        if (string.IsNullOrWhiteSpace(value))
        {
            claim = settings.FallbackClaim;
            value = principal.FindFirst(claim)?.Value;
        }
        if (string.IsNullOrWhiteSpace(value) || value.Length > 200)
        {
            return null;
        }
        // An address the provider says it has not verified is only what someone typed.
        if (claim == "email" && principal.FindFirst("email_verified")?.Value is { } verified &&
            !verified.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var at = value.LastIndexOf('@');
        if (at < 0)
        {
            return value;
        }
        // Only the configured domain's people are ours: "alice@elsewhere.example" is not our "alice".
        return settings.EmailDomain is { Length: > 0 } domain && value[(at + 1)..].Equals(domain, StringComparison.OrdinalIgnoreCase) && at > 0
            ? value[..at]
            : null;
    }
}
