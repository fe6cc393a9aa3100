using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dispatch.Web.Auth;

/// <summary>
/// The tokens Dispatch signs itself (an account's access token, a development token): its issuer, audience and key
/// (Auth settings), HMAC-SHA256, valid from their issue until they expire. What validates them is AuthenticationSetup.
/// </summary>
public static class SignedTokens
{
    /// <param name="signer">Who signs, for the error when no key is configured ("Accounts", "Development tokens").</param>
    public static string Sign(AuthSettings auth, IDictionary<string, object> claims, DateTimeOffset issued, DateTimeOffset expires,
        string signer)
    {
        var key = auth.SymmetricKey() ?? throw new InvalidOperationException($"{signer} need Auth:SigningKey to sign their tokens.");
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = issued.UtcDateTime,
            NotBefore = issued.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
