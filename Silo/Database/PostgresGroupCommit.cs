using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dispatch.Silo.Database;

/// <summary>
/// Group commit for small statements: statements that arrive while a round trip is in flight are sent
/// together as one batch, in one implicit transaction. A busy silo then pays one round trip, one
/// transaction and one WAL flush for many grain writes instead of one each (and needs a handful of
/// connections instead of a pool's worth); an idle one still sends each statement at once. A statement's
/// task completes only after the batch's commit, so nothing is acknowledged before it is durable.
/// </summary>
/// <remarks>
/// A statement that fails on the server aborts its batch's transaction; the batch is then sent again one
/// statement at a time, so that one bad statement fails only its own caller. A lost connection fails the
/// whole batch (its outcome is unknown, as a lone statement's would be) and clears the pool, so that the
/// next batches run on fresh connections after a database restart.
/// </remarks>
public sealed class PostgresGroupCommit : IHostedService, IAsyncDisposable
{
    /// <summary>Statements per round trip: enough to drain a burst, small enough to keep each commit short.</summary>
    public const int MaxStatementsPerBatch = 256;

    // Several batches in flight at once: one forms and travels while another waits for its commit flush.
    private const int Writers = 4;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgresGroupCommit> _logger;
    private readonly Channel<Statement> _queue = Channel.CreateUnbounded<Statement>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly List<Task> _writers = [];

    public PostgresGroupCommit(string connectionString, ILogger<PostgresGroupCommit> logger)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // The same few statements run all day: preparing them once per connection saves the server a parse
        // and plan per statement. Set explicitly in the connection string, the caller's choice stands.
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 16;
            builder.AutoPrepareMinUsages = 2;
        }
        // Every batch takes a pooled connection and gives it back; the writer never changes a session setting or
        // holds a session lock, so the reset Npgsql sends on each return (seven statements) would only cost a round trip.
        builder.NoResetOnClose = true;
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        _logger = logger;
    }

    /// <summary>
    /// Runs <paramref name="command"/> in the next batch; <paramref name="read"/> reads its result set (one
    /// call, the reader positioned before its first row) and what it returns is the task's result.
    /// </summary>
    public Task<T> ExecuteAsync<T>(NpgsqlBatchCommand command, Func<NpgsqlDataReader, T> read)
    {
        var statement = new Statement<T>(command, read);
        if (!_queue.Writer.TryWrite(statement))
        {
            throw new InvalidOperationException("the silo is stopping: no more writes are taken");
        }
        return statement.Completion.Task;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < Writers; i++)
        {
            _writers.Add(Task.Run(WriteLoop, CancellationToken.None));
        }
        return Task.CompletedTask;
    }

    /// <summary>Takes no more statements and sends everything already taken: a graceful stop loses nothing.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_writers).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown time ran out (often spent by the silo before us). What is still unsent was never
            // acknowledged, exactly as in a crash; failing the stop would only hide the rest of the shutdown.
            _logger.LogWarning("Stopped before every write was sent: {Count} statement(s) unacknowledged", _queue.Reader.Count);
        }
    }

    public async ValueTask DisposeAsync() => await _dataSource.DisposeAsync();

    private async Task WriteLoop()
    {
        var batch = new List<Statement>(MaxStatementsPerBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxStatementsPerBatch && _queue.Reader.TryRead(out var statement))
            {
                batch.Add(statement);
            }
            if (batch.Count > 0)
            {
                await SendAsync(batch);
            }
        }
    }

    private async Task SendAsync(List<Statement> batch)
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await RunAsync(batch);
            Grains.Telemetry.DispatchMeters.BatchCommitted(System.Diagnostics.Stopwatch.GetElapsedTime(started), batch.Count);
        }
        catch (PostgresException ex) when (batch.Count > 1)
        {
            // The server refused one of them and rolled the batch back: each on its own, so only that one fails.
            _logger.LogDebug(ex, "A batch of {Count} statements failed on the server; sending them one by one", batch.Count);
            foreach (var statement in batch)
            {
                try
                {
                    await RunAsync([statement]);
                }
                catch (Exception single)
                {
                    Grains.Telemetry.DispatchMeters.WritesFailed(1);
                    statement.Fail(single);
                }
            }
        }
        catch (Exception ex)
        {
            if (ex is NpgsqlException { IsTransient: true } or NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException })
            {
                _dataSource.Clear();
            }
            Grains.Telemetry.DispatchMeters.WritesFailed(batch.Count);
            foreach (var statement in batch)
            {
                statement.Fail(ex);
            }
        }
    }

    private async Task RunAsync(List<Statement> statements)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var statement in statements)
        {
            batch.BatchCommands.Add(statement.Command);
        }
        var results = new object?[statements.Count];
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            for (var i = 0; i < statements.Count; i++)
            {
                if (i > 0 && !await reader.NextResultAsync())
                {
                    throw new InvalidOperationException($"statement {i + 1} of {statements.Count} returned no result set");
                }
                results[i] = statements[i].Read(reader);
            }
        }
        // The reader is closed: the implicit transaction is committed (an error would have thrown above).
        for (var i = 0; i < statements.Count; i++)
        {
            statements[i].Complete(results[i]);
        }
    }

    private abstract class Statement(NpgsqlBatchCommand command)
    {
        public NpgsqlBatchCommand Command { get; } = command;

        public abstract object? Read(NpgsqlDataReader reader);

        public abstract void Complete(object? result);

        public abstract void Fail(Exception exception);
    }

    private sealed class Statement<T>(NpgsqlBatchCommand command, Func<NpgsqlDataReader, T> read) : Statement(command)
    {
        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override object? Read(NpgsqlDataReader reader) => read(reader);

        public override void Complete(object? result) => Completion.TrySetResult((T)result!);

        public override void Fail(Exception exception) => Completion.TrySetException(exception);
    }
}
