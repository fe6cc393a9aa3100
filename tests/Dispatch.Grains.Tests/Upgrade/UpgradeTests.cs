using Dispatch.Silo.Database;
using Dispatch.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dispatch.Grains.Tests.Upgrade;

/// <summary>
/// Data written by earlier releases (Fixtures/RELEASE.sql, a backup of what that release stored, with
/// RELEASE.json saying what it holds) is served by this release: restored into a fresh PostgreSQL, migrated
/// by this release's silo as it starts, its tickets, engineers and customer read back through the grains.
/// Every release adds its own fixture and keeps the older ones.
/// </summary>
public sealed class UpgradeTests
{
    public static string FixturesFolder { get; } = Path.Combine(RepositoryRoot.Path, "tests", "Dispatch.Grains.Tests", "Upgrade", "Fixtures");

    public static TheoryData<string> PreviousReleases()
    {
        var releases = new TheoryData<string>();
        foreach (var backup in Directory.GetFiles(FixturesFolder, "*.sql").Order(StringComparer.Ordinal))
        {
            releases.Add(Path.GetFileNameWithoutExtension(backup));
        }
        return releases;
    }

    [Theory]
    [MemberData(nameof(PreviousReleases))]
    public async Task What_a_previous_release_stored_is_served_by_this_one(string release)
    {
        var stored = ReleaseSample.Load(Path.Combine(FixturesFolder, release + ".json"));
        await using var database = await PrivatePostgres.StartEmptyAsync();
        await DispatchScript.RunAsync(database.ScriptEnvironment, "db", "restore", Path.Combine(FixturesFolder, release + ".sql"));

        using var silo = await SiloHosts.StartAsync(database.ConnectionString, SiloHosts.SiloPorts.Free());

        Assert.Equal((long)SchemaMigrator.Shipped.Count, await database.QueryScalarAsync<long>("SELECT count(*) FROM dispatch_schema_migrations"));
        stored.AssertServedAgainBy(await stored.ReadAgainAsync(silo.Services.GetRequiredService<IGrainFactory>()));
        await silo.StopAsync();
    }
}
