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

    protected async Task<long> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A query's one text value; <paramref name="start"/>, if given, is its @start (a test's hand-made history begins there).</summary>
    protected async Task<string> TextAsync(string sql, DateTimeOffset? start = null)
    {
        await using var command = DataSource.CreateCommand(sql);
        if (start is { } at)
        {
            command.Parameters.AddWithValue("start", at);
        }
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
