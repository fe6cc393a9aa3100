namespace Dispatch.Web.Accounts;

/// <summary>
/// Configuration section "Auth:OpenIdConnect": an external OpenID Connect provider people may sign in with (authorization
/// code with PKCE). It only says who someone is: what they may do comes from their Dispatch account of the same name.
/// </summary>
public sealed class ProviderSettings
{
    public const string SectionName = "Auth:OpenIdConnect";

    /// <summary>The provider's issuer URL (its metadata is read from /.well-known/openid-configuration). Unset: no provider.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>For a confidential client; a public client signs in with PKCE alone.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>What the sign-in page calls the provider ("Sign in with ...").</summary>
    public string DisplayName { get; set; } = "OpenID Connect";

    /// <summary>The claim whose value is the Dispatch user name.</summary>
    public string UserNameClaim { get; set; } = "preferred_username";

    /// <summary>The claim read when the provider sends no <see cref="UserNameClaim"/>.</summary>
    public string FallbackClaim { get; set; } = "email";

    /// <summary>
    /// When set, a name of the form "someone@EmailDomain" names the Dispatch user "someone" (user names have no "@");
    /// a name of any other domain names nobody.
    /// </summary>
    public string? EmailDomain { get; set; }

    public string CallbackPath { get; set; } = "/signin-oidc";

    /// <summary>Only a test's provider on 127.0.0.1 may serve its metadata over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Configured => !string.IsNullOrEmpty(Authority);
}
