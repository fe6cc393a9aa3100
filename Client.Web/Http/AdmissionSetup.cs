using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Dispatch.Web.Http;

/// <summary>
/// Bounded admission on every path (see <see cref="AdmissionOptions"/>): an endpoint names its lane with
/// RequireRateLimiting(Admission.X); /health, /metrics, static files and hub connections are never limited.
/// </summary>
public static class AdmissionSetup
{
    public static WebApplicationBuilder AddDispatchAdmission(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<AdmissionOptions>(builder.Configuration.GetSection(AdmissionOptions.SectionName));
        services.AddSingleton<Admission>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<AdmissionOptions>>((kestrel, admission) =>
        {
            var o = admission.Value;
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(o.MinBodyBytesPerSecond, TimeSpan.FromSeconds(o.MinBodyGraceSeconds));
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(o.RequestHeadersTimeoutSeconds);
        });
        // Before AddSignalR's own filters, so this one is the outermost.
        services.Configure<HubOptions>(options => options.AddFilter<HubAdmission>());
        services.AddRateLimiter(options =>
        {
            foreach (var lane in new[] { Admission.Intake, Admission.FieldActions, Admission.Positions, Admission.Api })
            {
                options.AddPolicy(lane, context => RateLimitPartition.Get(Admission.CallerOf(context),
                    _ => context.RequestServices.GetRequiredService<Admission>().Lanes[lane].ForCaller()));
            }
            options.OnRejected = RefuseAsync;
        });
        return builder;
    }

    /// <summary>The request's body is read, then it waits (briefly) for its lane's slot.</summary>
    public static IApplicationBuilder UseDispatchAdmission(this IApplicationBuilder app) =>
        app.UseBodyReadBeforeAdmission().UseRateLimiter();

    private static async ValueTask RefuseAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        context.Lease.TryGetMetadata(MetadataName.ReasonPhrase, out var reason);
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests at once",
                Detail = string.Create(CultureInfo.InvariantCulture,
                    $"{char.ToUpperInvariant((reason ?? "this node")[0])}{(reason ?? "this node")[1..]}; nothing was done. Retry after {retryAfter.TotalSeconds:0} s."),
            },
        });
    }
}
