using Npgsql;

namespace Dispatch.Web.Accounts;

/// <summary>
/// On a first start (no admin account at all) creates the admin account with a one-time password, prints it once,
/// and writes it where `./dispatch up` shows it. Waits for the silo to have applied migration 0008; any later start,
/// or a second web node racing this one, creates nothing.
/// </summary>
public sealed class FirstAdmin(IServiceProvider services, NpgsqlDataSource dataSource, AccountSettings settings, TimeProvider clock,
    ILogger<FirstAdmin> logger) : BackgroundService
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await EnsureAsync();
                return;
            }
            // Whatever went wrong (the table not there yet, PostgreSQL not up), the web node serves on and tries again.
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogDebug("Accounts not ready yet ({Reason}); retrying", error.Message);
            }
            await Task.Delay(Retry, clock, stoppingToken);
        }
    }

    private async Task EnsureAsync()
    {
        await using (var any = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM dispatch_users WHERE role = 'admin')"))
        {
            if (await any.ExecuteScalarAsync() is true)
            {
                await ReportAsync("exists");
                return;
            }
        }
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
        var created = await accounts.CreateAsync(new DispatchUser { UserName = settings.InitialAdmin, DisplayName = "Administrator", Role = Auth.Roles.Admin });
        if (created is null)
        {
            await ReportAsync("exists");
            return;
        }
        logger.LogWarning("Created the admin account '{UserName}' with the one-time password {Password} (to be changed at first sign-in)",
            created.UserName, created.OneTimePassword);
        await ReportAsync($"created {created.UserName} {created.OneTimePassword}");
    }

    private async Task ReportAsync(string line)
    {
        if (settings.InitialAdminReportFile is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, line + "\n");
        }
    }
}
