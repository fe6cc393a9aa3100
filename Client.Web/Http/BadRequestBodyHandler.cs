using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Dispatch.Web.Http;

/// <summary>
/// Turns a request body that cannot be read (malformed JSON, a wrong JSON type, an unknown field) into a
/// 400 ProblemDetails that names the offending field, instead of a bare 400.
/// </summary>
internal sealed class BadRequestBodyHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }
        var json = badRequest.InnerException as JsonException;
        var field = FieldName(json?.Path);
        // 413 (a body over the limit) and 415 (not JSON) keep their status; everything else is a 400.
        var status = badRequest.StatusCode is StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType
            ? badRequest.StatusCode : StatusCodes.Status400BadRequest;
        context.Response.StatusCode = status;
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [field] = [json?.Message ?? badRequest.Message],
        })
        {
            Status = status,
            Title = status switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request body is too large",
                StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON (Content-Type: application/json)",
                _ => "The request body is not valid",
            },
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>"$.location.lat" becomes "location.lat"; an unreadable body as a whole is "body".</summary>
    internal static string FieldName(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "body";
        }
        return jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
    }
}
