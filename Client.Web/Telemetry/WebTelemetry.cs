using System.Net;
using Dispatch.Web.Auth;
using Dispatch.Web.Http;
using Microsoft.AspNetCore.RateLimiting;
using OpenTelemetry.Metrics;

namespace Dispatch.Web.Telemetry;

/// <summary>
/// GET /metrics in Prometheus text through OpenTelemetry: ASP.NET Core's meters (requests, Kestrel
/// connections, SignalR connections, rate limiting), Orleans' client meter and Dispatch's own. Without a token
/// it answers only callers on this machine (loopback: a local Prometheus or agent); from elsewhere it needs an
/// admin token. A reverse proxy on the same machine must therefore not forward /metrics.
/// </summary>
public static class WebTelemetry
{
    public const string Path = "/metrics";
    public const string Policy = "metrics";

    private static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.Orleans",
        WebMeters.Name,
    ];

    public static WebApplicationBuilder AddDispatchTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(Meters).AddPrometheusExporter());
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.RequireAssertion(context =>
            context.User.IsInRole(Roles.Admin)
            || context.Resource is HttpContext { Connection.RemoteIpAddress: { } remote } && IPAddress.IsLoopback(remote)));
        return builder;
    }

    /// <summary>Counts each intake's outcome from its final status; first in the pipeline, so it sees what the caller sees.</summary>
    public static IApplicationBuilder UseIntakeOutcomes(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName != Admission.Intake)
        {
            await next(context);
            return;
        }
        try
        {
            await next(context);
        }
        catch
        {
            WebMeters.IntakeAnswered(StatusCodes.Status500InternalServerError);
            throw;
        }
        WebMeters.IntakeAnswered(context.Response.StatusCode);
    });

    public static void MapDispatchMetrics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint(Path).RequireAuthorization(Policy);
}
