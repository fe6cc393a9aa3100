using Dispatch.Web.Api;
using Microsoft.AspNetCore.SignalR;

namespace Dispatch.Web.Hubs;

/// <summary>
/// Hub arguments follow the API's rules (<see cref="FieldErrors"/>); a bad one is refused with a HubException
/// naming the field, which the caller sees as it is.
/// </summary>
public static class HubInput
{
    public static void ThrowIfAny(FieldErrors errors)
    {
        if (errors.Any)
        {
            throw new HubException(errors.ToString());
        }
    }
}

/// <summary>
/// A refused hub call is the caller's mistake, not the server's failure: one warning line naming the method
/// and the fields, no stack trace. Anything else goes on to SignalR's own handling.
/// </summary>
public sealed partial class HubInputLogging(ILogger<HubInputLogging> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (HubException refused)
        {
            Refused(logger, invocationContext.Hub.GetType().Name, invocationContext.HubMethodName, refused.Message);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Hub}.{Method} refused: {Reason}")]
    private static partial void Refused(ILogger logger, string hub, string method, string reason);
}
