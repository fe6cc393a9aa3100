
namespace Dispatch.Web.Accounts;

/// <summary>
/// Closes this node's hub connections of accounts disabled (or changed) through another web node: every
/// <see cref="AccountSettings.StateCacheTime"/> each connected account is checked as a request would be. The node
/// that disables someone closes their connections at once (<see cref="AccountAdministration"/>).
/// </summary>
public sealed class DisabledConnectionSweep(HubConnections connections, AccountStates states, AccountSettings settings, TimeProvider clock,
    ILogger<DisabledConnectionSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = settings.StateCacheTime > TimeSpan.Zero ? settings.StateCacheTime : TimeSpan.FromSeconds(1);
        using var timer = new PeriodicTimer(period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Could not check the accounts of live connections: {Reason}", error.Message);
            }
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        foreach (var (userName, version, connection) in connections.All().ToList())
        {
            if (!await states.AcceptsAsync(userName, version, cancellationToken))
            {
                logger.LogInformation("Closing a hub connection of {UserName}: the account is disabled or changed", userName);
                connection.Abort();
            }
        }
    }
}
