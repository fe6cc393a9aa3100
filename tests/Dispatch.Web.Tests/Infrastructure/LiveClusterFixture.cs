using System.Net;
using System.Text.Json.Serialization;
using Dispatch.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Dispatch.Web.Tests.Infrastructure;

/// <summary>
/// The web app on a real Kestrel port (WebSockets for SignalR), joined to a silo whose grains run on a fake
/// clock, on a private PostgreSQL: SLA breaches happen when the test moves the clock, not by waiting. The
/// service's day is the sample city's (Asia/Shanghai), so that it differs from the UTC day.
/// </summary>
public class LiveClusterFixture : IAsyncLifetime
{
    /// <summary>A customer tier the tests give a short SLA policy to.</summary>
    public const string FastTier = "fast";

    private IHost? _silo;

    public PrivatePostgres Database { get; private set; } = null!;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public DispatchWebApp App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await PrivatePostgres.StartAsync();
        _silo = await SiloHosts.StartAsync(Database.ConnectionString, SiloHosts.SiloPorts.Free(), services: s => { FakeClock.For(Clock)(s); ConfigureSilo(s); },
            configuration: new Dictionary<string, string?>(SiloSettings) { ["Sla:CacheFreshness"] = "00:00:00", ["Live:TimeZone"] = TimeZone });
        App = new DispatchWebApp(Database.ConnectionString, settings: new Dictionary<string, string?> { ["Customers:Tiers:0"] = FastTier });
        App.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        BaseAddress = new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>The service's time zone in this cluster.</summary>
    public const string TimeZone = "Asia/Shanghai";

    /// <summary>A grain client inside the web node.</summary>
    public IClusterClient Grains => App.Services.GetRequiredService<IClusterClient>();

    /// <summary>The silo's services (its grain storage, for state written as an earlier release wrote it).</summary>
    public IServiceProvider SiloServices => _silo!.Services;

    /// <summary>More silo settings for a fixture that needs them (a rule of its own in the SLA book).</summary>
    protected virtual IReadOnlyDictionary<string, string?> SiloSettings { get; } = new Dictionary<string, string?>();

    /// <summary>More silo services for a fixture that needs them (a grain call filter).</summary>
    protected virtual void ConfigureSilo(IServiceCollection services)
    {
    }

    public async Task<HubConnection> ConnectAsync(string hub, string role, string? engineerId = null)
    {
        var token = await App.TokenAsync(role, engineerId);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, hub), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .WithAutomaticReconnect()
            .Build();
        await connection.StartAsync();
        return connection;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
        }
        await Database.DisposeAsync();
    }
}
