using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dispatch.Silo.Hosting;

/// <summary>Says loudly, at start and at stop, that an in-memory silo keeps nothing.</summary>
internal sealed class InMemoryModeWarning(ILogger<InMemoryModeWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning("IN-MEMORY MODE: tickets, SLA clocks, reminders and cluster membership live only in this process. " +
                          "Nothing is kept when it stops. Use PostgreSQL (Cluster:Storage=PostgreSql) for anything real.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning("IN-MEMORY MODE: stopping; everything this silo held is now gone.");
        return Task.CompletedTask;
    }
}
