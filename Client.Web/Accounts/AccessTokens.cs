using Dispatch.Web.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dispatch.Web.Accounts;

/// <summary>Signs short-lived access tokens for accounts, with the same key, issuer and audience as every Dispatch token.</summary>
public sealed class AccessTokens(AuthSettings auth, AccountSettings settings, TimeProvider clock)
{
    public sealed record Issued(string Token, DateTimeOffset ExpiresAt);

    public Issued For(DispatchUser user)
    {
        var key = auth.SymmetricKey() ?? throw new InvalidOperationException("Accounts need Auth:SigningKey to sign their tokens.");
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
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return new Issued(token, expires);
    }
}
