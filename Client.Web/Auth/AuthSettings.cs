using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Dispatch.Web.Auth;

/// <summary>
/// Who issues the tokens this node accepts (configuration section "Auth"). Production points Authority at
/// an OpenID Connect issuer, or shares a SigningKey with the issuer; Development signs its own tokens
/// with the SigningKey.
/// </summary>
public sealed class AuthSettings
{
    public const string SectionName = "Auth";

    /// <summary>OpenID Connect authority whose published keys sign the tokens (production).</summary>
    public string? Authority { get; set; }

    public string Issuer { get; set; } = "dispatch";

    public string Audience { get; set; } = "dispatch";

    /// <summary>A shared HMAC-SHA256 secret of at least 32 bytes (UTF-8), when there is no Authority.</summary>
    public string? SigningKey { get; set; }

    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How far the clocks of issuer and this node may disagree. Seconds, not the library's 5 minutes: an expired
    /// token must stop working when it expires, and hub connections are closed at that moment.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(5);

    public SymmetricSecurityKey? SymmetricKey()
    {
        if (string.IsNullOrEmpty(SigningKey))
        {
            return null;
        }
        var bytes = Encoding.UTF8.GetBytes(SigningKey);
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes long.");
        }
        return new SymmetricSecurityKey(bytes);
    }
}
