using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Dispatch.Web.Auth;

public static class AuthenticationSetup
{
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
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
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
                };
            });
        builder.Services.AddAuthorization(Policies.Add);
        return builder;
    }
}
