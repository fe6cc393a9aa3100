using Dispatch.Silo.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Dispatch.Testing;

/// <summary>
/// A PostgreSQL server of the test's own, started with the project's ./dispatch script from the machine's
/// binaries, with the Dispatch schema applied. When DISPATCH_TEST_CONNECTION names a server, a fresh
/// database on it is used instead. Disposing stops the server (or drops the database).
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string? _directory;
    private readonly int _port;
    private readonly string? _sharedServer;
    private readonly string _database;

    private PrivatePostgres(string? directory, int port, string? sharedServer, string database)
    {
        _directory = directory;
        _port = port;
        _sharedServer = sharedServer;
        _database = database;
    }

    public string ConnectionString => _sharedServer is null
        ? $"Host=127.0.0.1;Port={_port};Username=postgres;Database={_database};Timeout=5;Command Timeout=30"
        : new NpgsqlConnectionStringBuilder(_sharedServer) { Database = _database }.ConnectionString;

    /// <summary>The folder under which the test run's private servers keep their data (DISPATCH_TEST_PG_ROOT).</summary>
    public static string Root => Environment.GetEnvironmentVariable("DISPATCH_TEST_PG_ROOT") ?? "/tmp/dispatch-test-postgres";

    public static Task<PrivatePostgres> StartAsync() => StartAsync(withSchema: true);

    /// <summary>A server with an empty database: for restoring a backup into, as into a fresh instance.</summary>
    public static Task<PrivatePostgres> StartEmptyAsync() => StartAsync(withSchema: false);

    private static async Task<PrivatePostgres> StartAsync(bool withSchema)
    {
        var shared = Environment.GetEnvironmentVariable("DISPATCH_TEST_CONNECTION");
        PrivatePostgres server;
        if (!string.IsNullOrEmpty(shared))
        {
            var database = "dispatch_test_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection(shared))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync();
            }
            server = new PrivatePostgres(null, 0, shared, database);
        }
        else
        {
            server = new PrivatePostgres(Path.Combine(Root, Guid.NewGuid().ToString("N")[..12]), FreePorts.Next(), null, "dispatch");
            await server.StartServerAsync();
        }
        if (withSchema)
        {
            await new SchemaMigrator(server.ConnectionString, NullLogger<SchemaMigrator>.Instance).ApplyAsync();
        }
        return server;
    }

    /// <summary>Starts the server again after <see cref="StopServerAsync"/>; its data is kept.</summary>
    public Task StartServerAsync() => RunDispatchDbAsync("start");

    /// <summary>Stops the server, as an outage would; connections fail until it starts again.</summary>
    public Task StopServerAsync() => RunDispatchDbAsync("stop");

    public async Task<T?> QueryScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sharedServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_sharedServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            return;
        }
        await StopServerAsync();
        try
        {
            Directory.Delete(_directory!, recursive: true);
        }
        catch (IOException)
        {
            // ./dispatch test removes what is left of the test servers' folders after the run.
        }
    }

    /// <summary>What points ./dispatch (db backup, db restore, cluster up ...) at this server.</summary>
    public IReadOnlyDictionary<string, string> ScriptEnvironment => _directory is null
        ? throw new InvalidOperationException("A shared server (DISPATCH_TEST_CONNECTION) is not run by ./dispatch.")
        : new Dictionary<string, string>
        {
            ["DISPATCH_DB_DIR"] = _directory,
            ["DISPATCH_DB_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

    private Task<string> RunDispatchDbAsync(string verb) => DispatchScript.RunAsync(ScriptEnvironment, "db", verb);
}
