using Dispatch.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dispatch.Grains.Tests.Upgrade;

/// <summary>./dispatch db backup while a silo serves, ./dispatch db restore into a fresh PostgreSQL, served again.</summary>
public sealed class BackupRestoreTests
{
    /// <summary>
    /// Set to a release name (e.g. release-2027-01-15) to also write this release's upgrade fixture:
    /// Fixtures/NAME.sql (a plain backup) and Fixtures/NAME.json (what it holds). See the README, "Upgrades".
    /// </summary>
    private const string WriteFixtureVariable = "DISPATCH_WRITE_RELEASE_FIXTURE";

    [Fact]
    public async Task A_backup_taken_while_a_silo_serves_is_restored_into_a_fresh_instance_and_served_again()
    {
        var backup = Path.Combine(Path.GetTempPath(), $"dispatch-backup-{Guid.NewGuid():N}.dump");
        try
        {
            ReleaseSample written;
            await using (var original = await PrivatePostgres.StartAsync())
            {
                using (var silo = await SiloHosts.StartAsync(original.ConnectionString, SiloHosts.SiloPorts.Free()))
                {
                    written = await ReleaseSample.WriteAsync(silo.Services.GetRequiredService<IGrainFactory>());
                    await DispatchScript.RunAsync(original.ScriptEnvironment, "db", "backup", backup);
                    await silo.StopAsync();
                }
                await WriteFixtureWhenAskedAsync(original, written);
            }

            await using var fresh = await PrivatePostgres.StartEmptyAsync();
            await DispatchScript.RunAsync(fresh.ScriptEnvironment, "db", "restore", backup);
            using var restored = await SiloHosts.StartAsync(fresh.ConnectionString, SiloHosts.SiloPorts.Free());

            written.AssertServedAgainBy(await written.ReadAgainAsync(restored.Services.GetRequiredService<IGrainFactory>()));
            await restored.StopAsync();
        }
        finally
        {
            File.Delete(backup);
        }
    }

    [Fact]
    public async Task A_restore_refuses_while_something_is_connected_and_changes_nothing()
    {
        await using var database = await PrivatePostgres.StartAsync();
        var backup = Path.Combine(Path.GetTempPath(), $"dispatch-backup-{Guid.NewGuid():N}.sql");
        try
        {
            await DispatchScript.RunAsync(database.ScriptEnvironment, "db", "backup", backup);
            await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(); // as a running silo would be

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(
                () => DispatchScript.RunAsync(database.ScriptEnvironment, "db", "restore", backup));

            Assert.Contains("stop the silos and web nodes first", refused.Message, StringComparison.Ordinal);
            Assert.Equal(0L, await database.QueryScalarAsync<long>(
                "SELECT count(*) FROM pg_database WHERE datname LIKE 'dispatch\\_%'"));
        }
        finally
        {
            File.Delete(backup);
        }
    }

    private static async Task WriteFixtureWhenAskedAsync(PrivatePostgres database, ReleaseSample written)
    {
        var release = Environment.GetEnvironmentVariable(WriteFixtureVariable);
        if (string.IsNullOrEmpty(release))
        {
            return;
        }
        var folder = UpgradeTests.FixturesFolder;
        await DispatchScript.RunAsync(database.ScriptEnvironment, "db", "backup", Path.Combine(folder, release + ".sql"));
        written.Save(Path.Combine(folder, release + ".json"));
    }
}
