using System.Security.Claims;
using Dispatch.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Dispatch.Web.Accounts;

/// <summary>
/// Browser sign-in through an external OpenID Connect provider (Auth:OpenIdConnect): authorization code with PKCE by the
/// framework's handler, whose state, correlation and nonce cookies carry the round trip. The identity it returns names a
/// Dispatch account; an enabled one gets Dispatch's own session, exactly as a password sign-in does. No token travels
/// in a URL: the callback sets a one-time refresh token of two minutes in an HttpOnly cookie that only the exchange
/// endpoint receives, and the sign-in page exchanges it (POST) for the session, as a refresh does (so it works once).
/// </summary>
public static class ExternalSignIn
{
    public const string Scheme = "provider";

    public const string HandoffCookie = "dispatch.handoff";

    /// <summary>Long enough for a slow phone to load the sign-in page after the redirect; useless after.</summary>
    public static readonly TimeSpan HandoffLifetime = TimeSpan.FromMinutes(2);

    private const string ExchangePath = "/api/auth/external";

    private static readonly string[] Apps = ["console", "engineer", "admin"];

    public static void AddDispatchExternalSignIn(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(ProviderSettings.SectionName).Get<ProviderSettings>() ?? new ProviderSettings();
        if (!settings.Configured)
        {
            return;
        }
        if (string.IsNullOrEmpty(settings.ClientId))
        {
            throw new InvalidOperationException("Auth:OpenIdConnect:ClientId is needed beside Auth:OpenIdConnect:Authority.");
        }
        builder.Services.AddSingleton(settings);
        builder.Services.AddAuthentication().AddOpenIdConnect(Scheme, settings.DisplayName, options =>
        {
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            options.CallbackPath = settings.CallbackPath;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;
            // The code comes back in the query of a top-level GET, so the handler's cookies may be SameSite=Lax (form_post
            // would need SameSite=None, which browsers take only over HTTPS).
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.MapInboundClaims = false;
            options.SaveTokens = false;
            // Many providers put only "sub" in the ID token and the rest in the user info.
            options.GetClaimsFromUserInfoEndpoint = true;
            options.Scope.Add("email");
            foreach (var claim in new[] { settings.UserNameClaim, settings.FallbackClaim, "email_verified" })
            {
                options.ClaimActions.MapUniqueJsonKey(claim, claim);
            }
            options.Events = new OpenIdConnectEvents
            {
                // Never a sign-in of the handler's own: the identity is mapped, and Dispatch's session handed over.
                OnTicketReceived = async context =>
                {
                    context.HandleResponse();
                    var outcome = await HandOverAsync(context.HttpContext, context.Principal!, settings);
                    context.Response.Redirect(SignInPage(context.Request, AppOf(context.Properties), outcome));
                },
                // A broken round trip (bad or missing state, a replayed callback, the person said no at the provider):
                // back to the sign-in page with a message, nothing issued.
                OnRemoteFailure = context =>
                {
                    context.HandleResponse();
                    Log(context.HttpContext).LogWarning("Sign-in through {Provider} failed: {Reason}", settings.DisplayName, context.Failure?.Message);
                    context.Response.Redirect(SignInPage(context.Request, AppOf(context.Properties), "refused=failed"));
                    return Task.CompletedTask;
                },
            };
        });
    }

    /// <summary>GET /api/auth/external/start?app=...: off to the provider. POST /api/auth/external/session: the session.</summary>
    public static void MapExternalSignInEndpoints(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<ProviderSettings>() is null)
        {
            return;
        }
        var external = endpoints.MapGroup("/auth/external").AllowAnonymous().WithTags("Sign-in");
        external.MapGet("/start", Start).WithSummary("Sign in through the OpenID Connect provider (the browser is sent there)");
        external.MapPost("/session", Exchange).WithSummary("The session of a sign-in through the provider (once, from its cookie)");
    }

    private static async Task Start(HttpContext http, string? app, ProviderSettings settings)
    {
        var known = KnownApp(app);
        try
        {
            await http.ChallengeAsync(Scheme, new AuthenticationProperties(new Dictionary<string, string?> { ["app"] = known }) { RedirectUri = "/signin.html" });
        }
        catch (Exception error) when (error is InvalidOperationException or HttpRequestException or OpenIdConnectProtocolException && !http.Response.HasStarted)
        {
            // The provider is down or refuses the request (its metadata, or a pushed authorization request): the sign-in
            // page says so, rather than an error page.
            Log(http).LogWarning(error, "Sign-in through {Provider} could not start", settings.DisplayName);
            http.Response.Redirect(SignInPage(http.Request, known, "refused=failed"));
        }
    }

    private static async Task<IResult> Exchange(HttpContext http, UserManager<DispatchUser> users, AccessTokens access, RefreshTokens refresh)
    {
        var handoff = http.Request.Cookies[HandoffCookie];
        http.Response.Cookies.Delete(HandoffCookie, HandoffCookieOptions(http.Request));
        var errors = new FieldErrors();
        var token = errors.Line("handoff", handoff, 100);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return await SignInEndpoints.ContinueAsync(token!, users, access, refresh, http.RequestAborted);
    }

    /// <summary>Maps the provider's identity to an enabled account and sets the handoff; answers the sign-in page's query.</summary>
    private static async Task<string> HandOverAsync(HttpContext http, ClaimsPrincipal principal, ProviderSettings settings)
    {
        var log = Log(http);
        var subject = principal.FindFirst("sub")?.Value;
        var userName = ExternalIdentity.UserName(principal, settings);
        var users = http.RequestServices.GetRequiredService<UserManager<DispatchUser>>();
        if (userName is null || await users.FindByNameAsync(userName) is not { } user)
        {
            log.LogWarning("Sign-in through {Provider} refused: {Subject} ({UserName}) has no Dispatch account", settings.DisplayName, subject, userName);
            return "refused=unknown";
        }
        if (user.Disabled)
        {
            log.LogWarning("Sign-in through {Provider} refused: the account {UserName} is disabled", settings.DisplayName, user.UserName);
            return "refused=disabled";
        }
        var refresh = http.RequestServices.GetRequiredService<RefreshTokens>();
        var handoff = await refresh.StartAsync(user.UserName, http.RequestAborted, HandoffLifetime);
        http.Response.Cookies.Append(HandoffCookie, handoff.Token, HandoffCookieOptions(http.Request));
        log.LogInformation("{UserName} signed in through {Provider} ({Subject})", user.UserName, settings.DisplayName, subject);
        return "external=done";
    }

    private static CookieOptions HandoffCookieOptions(HttpRequest request) => new()
    {
        HttpOnly = true,
        Secure = request.IsHttps,
        // Sent with the page's own POST, never with another site's.
        SameSite = SameSiteMode.Lax,
        Path = request.PathBase + ExchangePath,
        MaxAge = HandoffLifetime,
        IsEssential = true,
    };

    private static string KnownApp(string? app) => Apps.Contains(app) ? app! : Apps[0];

    private static string AppOf(AuthenticationProperties? properties) =>
        KnownApp(properties?.Items.TryGetValue("app", out var app) == true ? app : null);

    private static string SignInPage(HttpRequest request, string app, string outcome) => $"{request.PathBase}/signin.html?app={app}&{outcome}";

    private static ILogger Log(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExternalSignIn).FullName!);
}
