using Dispatch.Web.Accounts;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Dispatch.Web.Auth;

public static class AuthenticationSetup
{
    /// <summary>The default scheme: an API key when the request presents one, otherwise a bearer token.</summary>
    public const string Scheme = "Dispatch";

    public static WebApplicationBuilder AddDispatchAuthentication(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(AuthSettings.SectionName).Get<AuthSettings>() ?? new AuthSettings();
        var signingKey = settings.SymmetricKey();
        if (string.IsNullOrEmpty(settings.Authority) && signingKey is null)
        {
            throw new InvalidOperationException("Configure Auth:Authority (an OpenID Connect issuer) or Auth:SigningKey.");
        }

        builder.Services.AddSingleton(settings);
        builder.Services
            .AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "bearer token or API key", options => options.ForwardDefaultSelector = context =>
                ApiKeyAuthentication.Presents(context.Request) ? ApiKeyAuthentication.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                if (!string.IsNullOrEmpty(settings.Authority))
                {
                    options.Authority = settings.Authority;
                }
                options.Audience = settings.Audience;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = string.IsNullOrEmpty(settings.Authority) ? settings.Issuer : null,
                    // With an external issuer and a signing key, Dispatch's own account tokens are accepted beside the
                    // issuer's (whose issuer name and keys come from its metadata and are added by the handler).
                    ValidIssuers = !string.IsNullOrEmpty(settings.Authority) && signingKey is not null ? [settings.Issuer] : null,
                    ValidateIssuer = true,
                    ValidAudience = settings.Audience,
                    ValidateAudience = true,
                    IssuerSigningKey = signingKey,
                    ValidateIssuerSigningKey = true,
                    ClockSkew = settings.ClockSkew,
                    NameClaimType = DispatchClaims.Subject,
                    RoleClaimType = DispatchClaims.Role,
                };
                options.Events = new JwtBearerEvents
                {
                    // Browsers cannot set headers on WebSockets: SignalR sends the token in the query string.
                    OnMessageReceived = context =>
                    {
                        var token = context.Request.Query["access_token"];
                        if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs"))
                        {
                            context.Token = token;
                        }
                        return Task.CompletedTask;
                    },
                    // An account's token works while the account is enabled and unchanged (its stamp); others
                    // (development, identity provider) carry no account version and have no account here.
                    OnTokenValidated = async context =>
                    {
                        if (context.Principal?.FindFirst(AccountClaims.Version)?.Value is not { } version)
                        {
                            return;
                        }
                        var states = context.HttpContext.RequestServices.GetService<AccountStates>();
                        var userName = context.Principal.Identity?.Name;
                        if (states is null || userName is null || !await states.AcceptsAsync(userName, version, context.HttpContext.RequestAborted))
                        {
                            context.Fail("the account is disabled or changed since the token was issued");
                        }
                    },
                };
            });
        builder.Services.AddAuthorization(Policies.Add);
        return builder;
    }
}
