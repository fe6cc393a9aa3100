using Dispatch.Testing;

namespace Dispatch.Grains.Tests.Hosting;

/// <summary>The Dispatch.Silo program itself, in a process of its own.</summary>
public sealed class SiloProcessTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Sigterm_stops_the_silo_gracefully_and_it_leaves_the_cluster()
    {
        await using var silo = SiloProcess.Start(postgres.ConnectionString, SiloHosts.SiloPorts.Free());
        var membership = $"SELECT status FROM orleans_cluster_member WHERE port = {silo.Ports.SiloPort} ORDER BY generation DESC LIMIT 1";
        await Eventually.Until(() => postgres.Server.QueryScalarAsync<int>(membership), status => status == 3,
            TimeSpan.FromSeconds(90), "the silo to become active");
        // Membership says active a moment before the host has finished starting; a SIGTERM in between is a
        // stop during start-up, which this test is not about.
        await Eventually.Until(() => Task.FromResult(silo.Output.Contains("Application started", StringComparison.Ordinal)), started => started,
            TimeSpan.FromSeconds(90), "the host to finish starting");

        var exitCode = await silo.TerminateAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, silo.Output);
        Assert.Equal(6, await postgres.Server.QueryScalarAsync<int>(membership)); // Dead: it said goodbye
        Assert.Contains("Application is shutting down", silo.Output, StringComparison.Ordinal);
    }
}
