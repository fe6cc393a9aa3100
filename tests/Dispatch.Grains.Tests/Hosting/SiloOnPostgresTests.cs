using Dispatch.Grains.Tests.Probes;
using Dispatch.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dispatch.Grains.Tests.Hosting;

/// <summary>The silo's production wiring, against a real private PostgreSQL.</summary>
public sealed class SiloOnPostgresTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Grain_state_is_read_back_after_the_silo_stops_and_starts_again()
    {
        var key = Guid.NewGuid().ToString();
        var first = await SiloHosts.StartAsync(postgres.ConnectionString, SiloHosts.SiloPorts.Free());
        try
        {
            var counter = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IStoredCounterGrain>(key);
            await counter.Increment();
            Assert.Equal(2, await counter.Increment());
        }
        finally
        {
            await first.StopAsync();
            first.Dispose();
        }

        var second = await SiloHosts.StartAsync(postgres.ConnectionString, SiloHosts.SiloPorts.Free());
        try
        {
            var counter = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IStoredCounterGrain>(key);
            Assert.Equal(2, await counter.Read());
            Assert.Equal(1L, await postgres.Server.QueryScalarAsync<long>(
                $"SELECT count(*) FROM orleans_grain_state WHERE grain_type = 'counter' AND grain_id_ext LIKE '%{key}%' AND payload IS NOT NULL"));
        }
        finally
        {
            await second.StopAsync();
            second.Dispose();
        }
    }

    [Fact]
    public async Task A_reminder_registered_before_a_silo_restart_fires_after_it()
    {
        var key = Guid.NewGuid().ToString();
        var first = await SiloHosts.StartAsync(postgres.ConnectionString, SiloHosts.SiloPorts.Free());
        try
        {
            await first.Services.GetRequiredService<IGrainFactory>().GetGrain<IReminderProbeGrain>(key).Arm(TimeSpan.FromSeconds(8));
        }
        finally
        {
            await first.StopAsync();
            first.Dispose();
        }
        Assert.Equal(1L, await postgres.Server.QueryScalarAsync<long>(
            $"SELECT count(*) FROM orleans_reminder WHERE grain_id LIKE '%{key}%'"));

        var restartedAt = DateTimeOffset.UtcNow;
        var second = await SiloHosts.StartAsync(postgres.ConnectionString, SiloHosts.SiloPorts.Free());
        try
        {
            var probe = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IReminderProbeGrain>(key);
            var firings = await Eventually.Until(probe.Firings, f => f.Count > 0, TimeSpan.FromSeconds(90), "the reminder to fire");
            Assert.Single(firings);
            Assert.True(firings[0] >= restartedAt, "the reminder fired on the restarted silo");
        }
        finally
        {
            await second.StopAsync();
            second.Dispose();
        }
    }

    [Fact]
    public async Task Two_silos_join_one_cluster_and_a_grain_is_reachable_through_either_gateway()
    {
        var portsA = SiloHosts.SiloPorts.Free();
        var portsB = SiloHosts.SiloPorts.Free();
        var siloA = await SiloHosts.StartAsync(postgres.ConnectionString, portsA);
        var siloB = await SiloHosts.StartAsync(postgres.ConnectionString, portsB);
        var clientA = await ClusterClients.ThroughGatewayAsync(portsA.GatewayPort);
        var clientB = await ClusterClients.ThroughGatewayAsync(portsB.GatewayPort);
        var discovering = await ClusterClients.ThroughMembershipTableAsync(postgres.ConnectionString);
        try
        {
            var management = clientA.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
            await Eventually.Until(() => management.GetHosts(onlyActive: true), hosts => hosts.Count >= 2, what: "both silos to be active");
            Assert.True(await postgres.Server.QueryScalarAsync<long>(
                "SELECT count(*) FROM orleans_cluster_member WHERE status = 3") >= 2);

            var key = Guid.NewGuid().ToString();
            var viaA = clientA.Services.GetRequiredService<IClusterClient>().GetGrain<IStoredCounterGrain>(key);
            var viaB = clientB.Services.GetRequiredService<IClusterClient>().GetGrain<IStoredCounterGrain>(key);
            var viaTable = discovering.Services.GetRequiredService<IClusterClient>().GetGrain<IStoredCounterGrain>(key);
            await viaA.Increment();
            await viaB.Increment();
            Assert.Equal(3, await viaTable.Increment());
            Assert.Equal(await viaA.Silo(), await viaB.Silo());
        }
        finally
        {
            foreach (var host in new[] { discovering, clientB, clientA, siloB, siloA })
            {
                await host.StopAsync();
                host.Dispose();
            }
        }
    }
}
