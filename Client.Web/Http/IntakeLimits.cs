using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Dispatch.Web.Http;

/// <summary>
/// Intake beyond what the cluster can take gets 429 with Retry-After instead of a queue that grows without
/// bound: at most MaxConcurrent intakes run at once and MaxQueued wait ("Intake" configuration section).
/// </summary>
public static class IntakeLimits
{
    public const string Policy = "intake";

    public static IServiceCollection AddIntakeLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Intake");
        var concurrent = section.GetValue("MaxConcurrent", 512);
        var queued = section.GetValue("MaxQueued", 2048);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddConcurrencyLimiter(Policy, limiter =>
            {
                limiter.PermitLimit = concurrent;
                limiter.QueueLimit = queued;
                limiter.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many tickets at once",
                        Detail = string.Create(CultureInfo.InvariantCulture,
                            $"Intake is at its limit ({concurrent} in progress, {queued} waiting); nothing was created. Retry after a second."),
                    },
                });
            };
        });
    }
}
