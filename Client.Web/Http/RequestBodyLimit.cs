using System.Globalization;
using Microsoft.AspNetCore.Http.Features;

namespace Dispatch.Web.Http;

/// <summary>
/// No API body is anywhere near 1 MB (the largest, an SLA policy or a customer with 50 sites, is a few KB), so
/// a bigger one is refused with 413 ProblemDetails before it is read: by its Content-Length at once, or, sent
/// in chunks, by the server when the limit is crossed (<see cref="BadRequestBodyHandler"/> answers that).
/// </summary>
public static class RequestBodyLimit
{
    public const long MaxBytes = 1024 * 1024;

    public static IApplicationBuilder UseApiBodyLimit(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > MaxBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status413PayloadTooLarge,
                        Title = "The request body is too large",
                        Detail = string.Create(CultureInfo.InvariantCulture, $"At most {MaxBytes} bytes; nothing was changed."),
                    },
                });
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = MaxBytes;
            }
            await next(context);
        }));
}
