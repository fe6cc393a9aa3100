using Xunit;

namespace Dispatch.Testing;

/// <summary>One private PostgreSQL for a test class or collection, stopped when it is done.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PrivatePostgres? _server;

    public PrivatePostgres Server => _server ?? throw new InvalidOperationException("not started");

    public string ConnectionString => Server.ConnectionString;

    public async Task InitializeAsync() => _server = await PrivatePostgres.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
