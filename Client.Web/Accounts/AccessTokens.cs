using Dispatch.Web.Auth;

namespace Dispatch.Web.Accounts;

/// <summary>Signs short-lived access tokens for accounts, with the same key, issuer and audience as every Dispatch token.</summary>
public sealed class AccessTokens(AuthSettings auth, AccountSettings settings, TimeProvider clock)
{
    public sealed record Issued(string Token, DateTimeOffset ExpiresAt);

    public Issued For(DispatchUser user)
    {
        var now = clock.GetUtcNow();
        var expires = now + settings.AccessTokenLifetime;
        var claims = new Dictionary<string, object>
        {
            [DispatchClaims.Subject] = user.UserName,
            [DispatchClaims.Role] = user.Role,
            [AccountClaims.Version] = user.SecurityStamp,
            [AccountClaims.Regions] = user.Regions.ToArray(),
        };
        if (user.DisplayName is not null)
        {
            claims["name"] = user.DisplayName;
        }
        if (user.Role == Roles.Engineer && user.EngineerId is not null)
        {
            claims[DispatchClaims.EngineerId] = user.EngineerId;
        }
        var token = SignedTokens.Sign(auth, claims, now, expires, "Accounts");
        return new Issued(token, expires);
    }
}
