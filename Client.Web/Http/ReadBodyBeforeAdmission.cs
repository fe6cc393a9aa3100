using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;

namespace Dispatch.Web.Http;

/// <summary>
/// A request that needs an admission slot is read to its end first, so a caller who trickles a body holds a
/// connection (and Kestrel's minimum data rate ends that) but never a slot that others are waiting for.
/// The body is buffered (in memory up to 64 KB, beyond that in a temporary file; at most 1 MB by
/// <see cref="RequestBodyLimit"/>) and read again by the endpoint.
/// </summary>
public static class ReadBodyBeforeAdmission
{
    private const int InMemoryBytes = 64 * 1024;

    public static IApplicationBuilder UseBodyReadBeforeAdmission(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null
            && context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: true })
        {
            context.Request.EnableBuffering(InMemoryBytes);
            try
            {
                await context.Request.Body.DrainAsync(context.RequestAborted);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException && context.RequestAborted.IsCancellationRequested)
            {
                return; // the caller went away (or Kestrel dropped a body slower than the minimum rate): nobody to answer
            }
            context.Request.Body.Position = 0;
        }
        await next(context);
    });
}
