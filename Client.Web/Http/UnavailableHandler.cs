using System.Net.Sockets;
using Dispatch.Grains.Storage;
using Npgsql;
using Orleans.Runtime;

namespace Dispatch.Web.Http;

/// <summary>
/// When the database or the cluster is down, a request fails fast with 503 and a Retry-After, saying which
/// part is unavailable, instead of hanging or answering a bare 500. The grain that failed dropped whatever
/// it had not stored, so a retry after the outage starts from the stored truth.
/// </summary>
internal sealed class UnavailableHandler(IProblemDetailsService problems) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var part = Unavailable(exception, context.RequestAborted.IsCancellationRequested);
        if (part is null)
        {
            return false;
        }
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = $"The {part} is unavailable",
                Detail = $"The {part} did not answer; nothing was changed. Retry in a few seconds.",
            },
        });
    }

    private static string? Unavailable(Exception exception, bool callerLeft)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StoreUnavailableException:
                    return "database";
                case NpgsqlException or SocketException when e is not PostgresException { SqlState: not ("57P01" or "57P03") }:
                    return "database";
                case SiloUnavailableException or OrleansMessageRejectionException or TimeoutException
                    or Orleans.Runtime.Messaging.ConnectionFailedException:
                    return "cluster";
                // A grain whose activation the silo gave up on (it could not load its state in time) ends the call
                // with a cancellation the caller never asked for: the cluster did not answer.
                case OperationCanceledException when !callerLeft:
                    return "cluster";
            }
        }
        return null;
    }
}
