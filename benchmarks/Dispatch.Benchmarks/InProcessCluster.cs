using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Dispatch.Grains.Storage;
using Dispatch.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Dispatch.Benchmarks;

/// <summary>
/// One silo in this process, wired exactly as Dispatch.Silo's Program wires it (AddDispatchSilo) but with
/// in-memory storage, free loopback ports and positions that never go stale during a run. Calls come from
/// the silo's own grain factory: a client in the silo's process, no network hop.
/// </summary>
internal sealed class InProcessCluster : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessCluster(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<InProcessCluster> StartAsync(Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Benchmark",
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ClusterSettings.SectionName}:Storage"] = nameof(StorageMode.InMemory),
            [$"{ClusterSettings.SectionName}:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            [$"{ClusterSettings.SectionName}:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            [$"{ClusterSettings.SectionName}:ClusterId"] = "dispatch-bench",
            [$"{ClusterSettings.SectionName}:ServiceId"] = "dispatch-bench",
            // Engineers report their position once, at setup; a run must not take them offline.
            ["Dispatch:PositionStaleAfter"] = "7.00:00:00",
        });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.AddDispatchSilo();
        // The benchmark's own grain (IPingGrain) next to Dispatch's grains.
        builder.Services.AddSerializer(serializer => serializer.AddAssembly(typeof(PingGrain).Assembly));
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessCluster(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
