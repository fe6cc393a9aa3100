using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;

namespace Dispatch.Web.Http;

/// <summary>
/// Hub messages are admitted like HTTP requests: each connection has a few slots of its own and the node a
/// bounded number in all (positions share theirs with HTTP positions). Beyond them the invocation is refused
/// at once with a HubException saying when to retry; nothing queues without bound. Registered before the
/// other hub filters, so a refusal under overload costs no log line.
/// </summary>
public sealed class HubAdmission(Admission admission) : IHubFilter
{
    /// <summary>The hub method that reports positions (EngineerHub.ReportPosition).</summary>
    public const string PositionMethod = "ReportPosition";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var lane = invocationContext.HubMethodName == PositionMethod ? Admission.Positions : Admission.HubMessages;
        var limiter = ConnectionLimiter(invocationContext.Context, lane);
        using var lease = await limiter.AcquireAsync(1, invocationContext.Context.ConnectionAborted);
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            lease.TryGetMetadata(MetadataName.ReasonPhrase, out var reason);
            throw new HubException(string.Create(CultureInfo.InvariantCulture,
                $"busy: {reason}; nothing was done, retry after {retryAfter.TotalSeconds:0} s"));
        }
        return await next(invocationContext);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        foreach (var lane in admission.Lanes.Keys)
        {
            if (context.Context.Items.Remove(Key(lane), out var limiter))
            {
                ((CallerLimiter)limiter!).Dispose();
            }
        }
        return next(context, exception);
    }

    private CallerLimiter ConnectionLimiter(HubCallerContext connection, string lane)
    {
        // Items belongs to this connection; SignalR may run a connection's invocations in parallel.
        lock (connection.Items)
        {
            if (!connection.Items.TryGetValue(Key(lane), out var limiter))
            {
                limiter = admission.Lanes[lane].ForCaller();
                connection.Items[Key(lane)] = limiter;
            }
            return (CallerLimiter)limiter!;
        }
    }

    private static string Key(string lane) => "admission:" + lane;
}
