using System.Threading.Channels;
using Dispatch.Grains.Common;
using Dispatch.Grains.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Dispatch.Silo.Events;

/// <summary>
/// The event log in PostgreSQL, with group commit: appends that arrive while a write is in flight are
/// gathered into the next single INSERT, so a busy silo pays one round trip and one commit flush for many
/// events, and an idle one still writes each append at once. An append completes only after its commit.
/// </summary>
public sealed class PostgresEventJournal : IEventJournal, IHostedService, IAsyncDisposable
{
    private const int MaxEventsPerWrite = 2000;
    private const int Writers = 2;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgresEventJournal> _logger;
    private readonly Channel<PendingAppend> _queue = Channel.CreateBounded<PendingAppend>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });
    private readonly List<Task> _writers = [];

    public PostgresEventJournal(string connectionString, ILogger<PostgresEventJournal> logger)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _logger = logger;
    }

    public async Task AppendAsync(IReadOnlyList<DomainEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
        {
            return;
        }
        var pending = new PendingAppend(events);
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        await pending.Completion.Task.WaitAsync(cancellationToken);
    }

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

    public Task StartAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < Writers; i++)
        {
            _writers.Add(Task.Run(WriteLoop, CancellationToken.None));
        }
        return Task.CompletedTask;
    }

    /// <summary>Stops taking appends and writes everything already accepted: nothing is lost on a graceful stop.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_writers).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown time ran out: appends still queued stay in their grains' state (ticket
            // timelines, customer outboxes) and are appended again at the next activation.
            _logger.LogWarning("Stopped before every event was appended: {Count} append(s) left to their grains", _queue.Reader.Count);
        }
    }

    public async ValueTask DisposeAsync() => await _dataSource.DisposeAsync();

    private async Task WriteLoop()
    {
        var batch = new List<PendingAppend>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            var count = 0;
            while (count < MaxEventsPerWrite && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                count += pending.Events.Count;
            }
            if (batch.Count == 0)
            {
                continue;
            }
            try
            {
                await WriteWithRetriesAsync(batch);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetResult();
                }
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Writing {Count} events to the event log failed; their grains will append them again", count);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(ex);
                }
            }
        }
    }

    /// <summary>
    /// After a database restart the pool still holds connections to the old server; the first use of each
    /// fails. A short retry on a cleared pool rides over that, so appends do not fail for a stale socket.
    /// </summary>
    private async Task WriteWithRetriesAsync(List<PendingAppend> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync(batch);
                return;
            }
            catch (NpgsqlException) when (attempt < 3)
            {
                NpgsqlConnection.ClearAllPools();
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    private async Task WriteAsync(List<PendingAppend> batch)
    {
        var events = batch.SelectMany(p => p.Events).ToList();
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO dispatch_events (stream, sequence, type, at, actor_name, actor_role, data)
            SELECT stream, sequence, type, at, actor_name, actor_role, data::jsonb
            FROM unnest(@streams, @sequences, @types, @ats, @actor_names, @actor_roles, @datas)
                 AS e(stream, sequence, type, at, actor_name, actor_role, data)
            ON CONFLICT (stream, sequence) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter("streams", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = events.Select(e => e.Stream).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("sequences", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = events.Select(e => e.Sequence).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = events.Select(e => e.Type).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("ats", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = events.Select(e => e.At.ToUniversalTime()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("actor_names", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = events.Select(e => e.Actor.Name).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("actor_roles", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = events.Select(e => e.Actor.Role).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("datas", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = events.Select(e => e.Data).ToArray() });
        await command.ExecuteNonQueryAsync();
    }

    private sealed class PendingAppend(IReadOnlyList<DomainEvent> events)
    {
        public IReadOnlyList<DomainEvent> Events { get; } = events;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
