using System.Net;
using Dispatch.Silo.Hosting;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Dispatch.Testing;

/// <summary>Orleans clients of a test cluster, like the ones web nodes and the load generator hold.</summary>
public static class ClusterClients
{
    /// <summary>A client pinned to one silo's gateway.</summary>
    public static Task<IHost> ThroughGatewayAsync(int gatewayPort) =>
        StartAsync(client => client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort)));

    /// <summary>A client that finds the gateways in the PostgreSQL membership table, as web nodes do.</summary>
    public static Task<IHost> ThroughMembershipTableAsync(string connectionString) =>
        StartAsync(client => client.UseAdoNetClustering(options =>
        {
            options.Invariant = DispatchSilo.PostgreSqlInvariant;
            options.ConnectionString = connectionString;
        }));

    private static async Task<IHost> StartAsync(Action<IClientBuilder> clustering)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = "dispatch";
                options.ServiceId = "dispatch";
            });
            clustering(client);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
