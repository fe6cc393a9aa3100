using Dispatch.Testing;
using Microsoft.Extensions.Hosting;

namespace Dispatch.Web.Tests.Infrastructure;

/// <summary>A private PostgreSQL, one silo on it, and the web app in Development, for a test class.</summary>
public sealed class WebClusterFixture : IAsyncLifetime
{
    private PrivatePostgres? _database;
    private IHost? _silo;

    public PrivatePostgres Database => _database!;

    public DispatchWebApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await PrivatePostgres.StartAsync();
        _silo = await SiloHosts.StartAsync(_database.ConnectionString, SiloHosts.SiloPorts.Free());
        App = new DispatchWebApp(_database.ConnectionString);
        _ = App.Server; // start the web host now, not inside the first test
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
