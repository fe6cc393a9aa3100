using Dispatch.Grains.Common;
using Dispatch.Grains.Events;
using Npgsql;

namespace Dispatch.Silo.Events;

/// <summary>Reads the event log in PostgreSQL; events are written with their grains' state (<see cref="Database.GroupCommitGrainStorage"/>).</summary>
public sealed class PostgresEventJournal(string connectionString) : IEventJournal, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public async Task<IReadOnlyList<DomainEvent>> ReadStreamAsync(string stream, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT sequence, type, at, actor_name, actor_role, data::text FROM dispatch_events WHERE stream = @stream ORDER BY sequence");
        command.Parameters.AddWithValue("stream", stream);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<DomainEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new DomainEvent(stream, reader.GetInt64(0), reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2), new Actor(reader.GetString(3), reader.GetString(4)), reader.GetString(5)));
        }
        return events;
    }

    public async ValueTask DisposeAsync() => await _dataSource.DisposeAsync();
}
