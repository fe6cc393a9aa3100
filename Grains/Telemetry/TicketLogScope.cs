using Dispatch.Grains.Tickets;
using Microsoft.Extensions.Logging;

namespace Dispatch.Grains.Telemetry;

/// <summary>
/// Every log line written while a ticket grain handles a call (its commands, reminders, and the calls it makes
/// to engineers, regions and the board on the way) carries the ticket's id as <c>TicketId</c> in its scope, so
/// one ticket's story can be pulled out of the log (the JSON console formatter shows it as a field).
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
