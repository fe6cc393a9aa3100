using Dispatch.Grains.Tickets;
using Microsoft.Extensions.Logging;

namespace Dispatch.Grains.Telemetry;

/// <summary>
/// Every log line written while a ticket grain handles a call (a command, a view, a reminder; the storage and
/// event log calls it awaits) carries the ticket's id as <c>TicketId</c> in its scope, so one ticket's story can
/// be pulled out of the log (the JSON console formatter shows it as a field). Grain timer ticks are not calls:
/// the ticket's own lines name it in their message as well.
/// </summary>
public sealed class TicketLogScope(ILogger<TicketLogScope> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is not ITicketGrain)
        {
            await context.Invoke();
            return;
        }
        using (logger.BeginScope(new KeyValuePair<string, object>[] { new("TicketId", context.TargetId.Key.ToString()!) }))
        {
            await context.Invoke();
        }
    }
}
