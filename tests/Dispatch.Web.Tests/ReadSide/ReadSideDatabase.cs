using Dispatch.Testing;
using Npgsql;

namespace Dispatch.Web.Tests.ReadSide;

/// <summary>A test class's own PostgreSQL with the schema applied, and a data source on it, as the projector is given one.</summary>
public abstract class ReadSideDatabase : IAsyncLifetime
{
    protected PrivatePostgres Database { get; private set; } = null!;

    protected NpgsqlDataSource DataSource { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Database = await PrivatePostgres.StartAsync();
        DataSource = NpgsqlDataSource.Create(Database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await Database.DisposeAsync();
    }

    protected async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
