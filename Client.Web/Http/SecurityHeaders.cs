namespace Dispatch.Web.Http;

/// <summary>
/// Headers every answer carries, errors included: the pages run only this site's own scripts and styles, may not be
/// framed, leak no referrer; answers under /api and /hubs, which carry customers' and engineers' data, are never
/// stored by a browser or proxy. A basemap served from elsewhere is allowed by naming its origins in
/// Http:MapOrigins (space-separated).
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, IConfiguration configuration)
    {
        var policy = ContentSecurityPolicy(configuration["Http:MapOrigins"]);
        return app.Use((context, next) =>
        {
            // At the start of the answer, so that an error page written after a failure carries them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "geolocation=(self), camera=(), microphone=(), payment=()";
                if (CarriesPersonalData(context.Request.Path))
                {
                    headers.CacheControl = "no-store";
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    public static bool CarriesPersonalData(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs");

    internal static string ContentSecurityPolicy(string? mapOrigins)
    {
        var map = string.IsNullOrWhiteSpace(mapOrigins) ? "" : " " + string.Join(' ', mapOrigins.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        // MapLibre draws into a canvas from blob: and data: images and runs its worker from this site.
        return "default-src 'self'; script-src 'self'; style-src 'self'; " +
               $"img-src 'self' data: blob:{map}; font-src 'self'{map}; connect-src 'self'{map}; worker-src 'self' blob:; " +
               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }
}
