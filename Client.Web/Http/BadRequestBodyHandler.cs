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
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [field] = [json?.Message ?? badRequest.Message],
        })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body is not valid",
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
