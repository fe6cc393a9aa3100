using System.Globalization;
using Dispatch.Grains.Storage;
using Dispatch.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dispatch.Testing;

/// <summary>
/// Starts silos the way Dispatch.Silo's Program does (the same AddDispatchSilo wiring), each on its own
/// loopback ports, so that tests exercise the production configuration against real PostgreSQL.
/// </summary>
public static class SiloHosts
{
    public sealed record SiloPorts(int SiloPort, int GatewayPort)
    {
        public static SiloPorts Free() => new(FreePorts.Next(), FreePorts.Next());
    }

    public static async Task<IHost> StartAsync(
        string? connectionString,
        SiloPorts ports,
        StorageMode storage = StorageMode.PostgreSql,
        Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? configuration = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Testing",
            DisableDefaults = true,
        });
        var settings = new Dictionary<string, string?>
        {
            [$"{ClusterSettings.SectionName}:SiloPort"] = ports.SiloPort.ToString(CultureInfo.InvariantCulture),
            [$"{ClusterSettings.SectionName}:GatewayPort"] = ports.GatewayPort.ToString(CultureInfo.InvariantCulture),
            [$"{ClusterSettings.SectionName}:Storage"] = storage.ToString(),
            [$"ConnectionStrings:{ClusterSettings.ConnectionStringName}"] = connectionString,
        };
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddDispatchSilo();
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
