using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Dispatch.Grains.Common;
using Dispatch.Grains.Events;
using Dispatch.Silo.Database;
using Dispatch.Silo.Events;
using Dispatch.Testing;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Dispatch.Benchmarks;

/// <summary>
/// Issue #14's question (docs/adr/0007-event-store-comparison.md): one durable write per accepted change, the
/// change's event and the stream's new snapshot together, written by the project's own group commit or by Marten's
/// event store, on a private PostgreSQL of the same configuration (fsync on). 64 tickets live at once, each through
/// 14 changes of one event (~300 bytes of JSON) and a ~2 KB snapshot, every change waiting for its own commit and
/// checked against the stream's version, as a grain writes. One invocation is 64 × 14 = 896 changes, so the
/// per-operation figures are per change (1 / throughput); each change's own latency, and the CPU the benchmark
/// process and PostgreSQL (postmaster and its children) spent per change, are printed at the end of each case.
/// </summary>
/// <remarks>
/// Runs in process (no generated project to build on a busy two-core machine) with a short monitoring job:
/// <c>./dispatch bench --filter '*EventStoreComparison*'</c>.
/// </remarks>
[Config(typeof(EventStoreConfig))]
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "BenchmarkDotNet's GlobalCleanup disposes them")]
public class EventStoreComparison
{
    public const int Tickets = 64;
    public const int ChangesPerTicket = 14;
    public const int ChangesPerInvocation = Tickets * ChangesPerTicket;

    private const string ServiceId = "dispatch-bench";
    private const string StateName = "ticket";

    private static readonly string Notes = new('n', 1_700);
    private static readonly string Remark = new('r', 120);

    private static readonly Actor Changer = new("Dana Dispatcher", "dispatcher");

    private PrivatePostgres? _postgres;
    private PostgresGroupCommit? _groupCommit;
    private EventQuarantine? _quarantine;
    private DocumentStore? _marten;
    private int _invocation;
    private CostMeter? _cost;

    [GlobalSetup(Target = nameof(GroupCommit))]
    public async Task StartGroupCommit()
    {
        _postgres = await PrivatePostgres.StartAsync(); // SchemaMigrator applied: the project's tables and functions
        _groupCommit = new PostgresGroupCommit(_postgres.ConnectionString, NullLogger<PostgresGroupCommit>.Instance);
        // The grain storage's own judge of what an event may hold: the benchmark's path is the one a grain's write takes.
        _quarantine = new EventQuarantine(NullLogger<EventQuarantine>.Instance,
            new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
        await _groupCommit.StartAsync(CancellationToken.None);
        await RefusesStaleVersionAsync(WriteThroughGroupCommitAsync);
        _cost = CostMeter.Start(_postgres, "group commit");
    }

    [GlobalSetup(Target = nameof(MartenAppendAndStore))]
    public Task StartMartenAppendAndStore() => StartMartenAsync(inlineSnapshot: false, "Marten, append + store snapshot", WriteThroughMartenAsync);

    [GlobalSetup(Target = nameof(MartenInlineSnapshot))]
    public Task StartMartenInlineSnapshot() => StartMartenAsync(inlineSnapshot: true, "Marten, inline snapshot projection", AppendToMartenAsync);

    private async Task StartMartenAsync(bool inlineSnapshot, string mode, Func<string, int, long, Task> write)
    {
        _postgres = await PrivatePostgres.StartAsync();
        // The same prepared-statement help the group commit gives itself (PostgresGroupCommit's constructor).
        var connection = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString) { MaxAutoPrepare = 32, AutoPrepareMinUsages = 2 };
        _marten = new DocumentStore(MartenOptions(connection.ConnectionString, inlineSnapshot));
        await _marten.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await RefusesStaleVersionAsync(write);
        _cost = CostMeter.Start(_postgres, mode);
    }

    /// <summary>Marten's advice for append throughput: quick appends, System.Text.Json, lightweight sessions, no extra metadata.</summary>
    private static StoreOptions MartenOptions(string connection, bool inlineSnapshot)
    {
        var options = new StoreOptions();
        options.Connection(connection);
        options.DatabaseSchemaName = "marten";
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        options.UseSystemTextJsonForSerialization();
        options.DisableNpgsqlLogging = true;
        options.Events.StreamIdentity = StreamIdentity.AsString;
        options.Events.AppendMode = EventAppendMode.Quick;
        options.Events.AddEventType<TicketChanged>();
        options.Schema.For<TicketSnapshot>();
        if (inlineSnapshot)
        {
            options.Projections.Snapshot<TicketAggregate>(SnapshotLifecycle.Inline);
        }
        return options;
    }

    [GlobalCleanup]
    public async Task Stop()
    {
        _cost?.Report((_invocation - CostMeter.MeasuredFrom + 1) * ChangesPerInvocation);
        if (_groupCommit is not null)
        {
            await _groupCommit.StopAsync(CancellationToken.None);
            await _groupCommit.DisposeAsync();
        }
        _marten?.Dispose();
        if (_postgres is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await _postgres.DisposeAsync();
        }
    }

    /// <summary>The project's path: one dispatch_write_state_with_events statement per change through PostgresGroupCommit.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = ChangesPerInvocation)]
    public Task GroupCommit() => LiveTicketsAsync(WriteThroughGroupCommitAsync);

    /// <summary>Marten: one lightweight session per change, the event appended at the expected version and the snapshot stored beside it.</summary>
    [Benchmark(OperationsPerInvoke = ChangesPerInvocation)]
    public Task MartenAppendAndStore() => LiveTicketsAsync(WriteThroughMartenAsync);

    /// <summary>Marten: one lightweight session per change, the snapshot kept by Marten's inline single-stream projection.</summary>
    [Benchmark(OperationsPerInvoke = ChangesPerInvocation)]
    public Task MartenInlineSnapshot() => LiveTicketsAsync(AppendToMartenAsync);

    /// <summary>
    /// Both paths must refuse a change written at a version the stream has left behind (a second activation, a stale
    /// grain), or the comparison would be between a checked write and an unchecked one.
    /// </summary>
    private static async Task RefusesStaleVersionAsync(Func<string, int, long, Task> write)
    {
        const string stream = "ticket:bench-stale-check";
        await write(stream, 0, 1);
        await write(stream, 0, 2);
        try
        {
            await write(stream, 0, 2);
        }
        catch (Exception refused)
        {
            Console.WriteLine($"EventStoreComparison | a stale version is refused: {refused.GetType().FullName}");
            return;
        }
        throw new InvalidOperationException("a change at a stale stream version was accepted");
    }

    private async Task WriteThroughGroupCommitAsync(string stream, int ticket, long version)
    {
        // The grain's ETag: none before its first write, then the version the last write returned.
        var change = new DomainEvent(stream, version, "ticket.changed", DateTimeOffset.UtcNow, Changer, JsonSerializer.Serialize(Change(ticket, version)));
        var command = StateWrites.Command(Fnv(stream), 0, 0, Fnv(StateName), StateName, stream, ServiceId, version == 1 ? null : (int)version - 1,
            JsonSerializer.SerializeToUtf8Bytes(Snapshot(stream, version)), [change], _quarantine!);
        var written = await _groupCommit!.ExecuteAsync(command, StateWrites.NewVersion);
        if (written != version)
        {
            throw new InvalidOperationException($"{stream}: version {written?.ToString(CultureInfo.InvariantCulture) ?? "conflict"}, expected {version}");
        }
    }

    private async Task WriteThroughMartenAsync(string stream, int ticket, long version)
    {
        await using var session = _marten!.LightweightSession();
        Append(session, stream, ticket, version);
        session.Store(Snapshot(stream, version));
        await session.SaveChangesAsync();
    }

    private async Task AppendToMartenAsync(string stream, int ticket, long version)
    {
        await using var session = _marten!.LightweightSession();
        Append(session, stream, ticket, version);
        await session.SaveChangesAsync();
    }

    private static void Append(IDocumentSession session, string stream, int ticket, long version)
    {
        var change = Change(ticket, version);
        if (version == 1)
        {
            session.Events.StartStream<TicketAggregate>(stream, change);
        }
        else
        {
            // The stream's version after this append; another writer in between fails SaveChangesAsync.
            session.Events.Append(stream, version, change);
        }
    }

    /// <summary>64 new tickets, each written through its 14 changes one after another, all tickets at once.</summary>
    private async Task LiveTicketsAsync(Func<string, int, long, Task> write)
    {
        var invocation = Interlocked.Increment(ref _invocation);
        if (invocation == CostMeter.MeasuredFrom)
        {
            _cost!.Restart();
        }
        var tickets = new Task[Tickets];
        for (var t = 0; t < Tickets; t++)
        {
            var ticket = t;
            var stream = $"ticket:bench-{invocation:D5}-{ticket:D3}";
            tickets[t] = Task.Run(async () =>
            {
                for (long version = 1; version <= ChangesPerTicket; version++)
                {
                    var started = Stopwatch.GetTimestamp();
                    await write(stream, ticket, version);
                    _cost!.Latency(Stopwatch.GetElapsedTime(started));
                }
            });
        }
        await Task.WhenAll(tickets);
    }

    private static TicketChanged Change(int ticket, long version) => new(
        $"T-{ticket:D6}", version, version % 2 == 0 ? "assigned" : "note-added", DateTimeOffset.UtcNow, "Dana Dispatcher", "dispatcher", Remark);

    private static TicketSnapshot Snapshot(string stream, long version) =>
        new() { Id = stream, Version = version, Status = version % 2 == 0 ? "assigned" : "open", Priority = "high", Notes = Notes };

    private static int Fnv(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }
        return unchecked((int)hash);
    }

    /// <summary>Latencies of every measured change and the CPU seconds of this process and of PostgreSQL over them.</summary>
    private sealed class CostMeter
    {
        /// <summary>
        /// The first invocation counted: BenchmarkDotNet's jitting invocation and the job's two warmups are left out
        /// (they hold Marten's one-time code generation), so the costs are those of the six measured iterations.
        /// </summary>
        public const int MeasuredFrom = 4;

        private readonly string _mode;
        private readonly int _postmaster;
        private readonly double[] _latencies = new double[1 << 21];
        private TimeSpan _processCpu;
        private double _postgresCpu;
        private long _startedAt;
        private int _count;

        private CostMeter(string mode, int postmaster)
        {
            _mode = mode;
            _postmaster = postmaster;
            Restart();
        }

        public void Restart()
        {
            _count = 0;
            _startedAt = Stopwatch.GetTimestamp();
            _processCpu = Process.GetCurrentProcess().TotalProcessorTime;
            _postgresCpu = PostgresCpuSeconds(_postmaster);
        }

        public static CostMeter Start(PrivatePostgres postgres, string mode)
        {
            var pidFile = Path.Combine(postgres.ScriptEnvironment["DISPATCH_DB_DIR"], "data", "postmaster.pid");
            return new CostMeter(mode, int.Parse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture));
        }

        public void Latency(TimeSpan elapsed)
        {
            var i = Interlocked.Increment(ref _count) - 1;
            if (i < _latencies.Length)
            {
                _latencies[i] = elapsed.TotalMilliseconds;
            }
        }

        public void Report(int changes)
        {
            var wall = Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;
            var process = (Process.GetCurrentProcess().TotalProcessorTime - _processCpu).TotalSeconds;
            var postgres = PostgresCpuSeconds(_postmaster) - _postgresCpu;
            var sorted = _latencies.AsSpan(0, Math.Min(_count, _latencies.Length)).ToArray();
            Array.Sort(sorted);
            double At(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
            var line = string.Create(CultureInfo.InvariantCulture,
                $"EventStoreComparison | {_mode} | {changes} changes in {wall:F1} s ({changes / wall:F0}/s) | latency per change mean {sorted.DefaultIfEmpty().Average():F2} ms, p50 {At(0.5):F2}, p90 {At(0.9):F2}, p99 {At(0.99):F2} | CPU per change: benchmark process {process * 1000 / changes:F3} ms, PostgreSQL {postgres * 1000 / changes:F3} ms, together {(process + postgres) * 1000 / changes:F3} ms");
            Console.WriteLine(line);
            var results = Path.Combine("BenchmarkDotNet.Artifacts", "results");
            Directory.CreateDirectory(results);
            File.AppendAllText(Path.Combine(results, "EventStoreComparison-costs.txt"), $"{DateTime.UtcNow:u} {line}{Environment.NewLine}");
        }

        /// <summary>utime + stime of the postmaster, of its reaped children and of its live children (/proc, in clock ticks of 1/100 s).</summary>
        private static double PostgresCpuSeconds(int postmaster)
        {
            long ticks = 0;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid))
                {
                    continue;
                }
                string stat;
                try
                {
                    stat = File.ReadAllText(Path.Combine(dir, "stat"));
                }
                catch (IOException)
                {
                    continue; // gone meanwhile
                }
                // Fields after the command name (which may hold spaces): state ppid ... utime(14) stime(15) cutime(16) cstime(17).
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                if (pid == postmaster)
                {
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
                        + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
                }
                else if (parent == postmaster)
                {
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            return ticks / 100.0;
        }
    }
}

/// <summary>One change of a ticket, as an event (~300 bytes of JSON).</summary>
public sealed record TicketChanged(string Ticket, long Sequence, string Kind, DateTimeOffset At, string ActorName, string ActorRole, string Remark);

/// <summary>A ticket's state after a change (~2 KB of JSON): what a grain writes beside the change's event.</summary>
public sealed class TicketSnapshot
{
    public string Id { get; set; } = "";

    public long Version { get; set; }

    public string Status { get; set; } = "";

    public string Priority { get; set; } = "";

    public string Notes { get; set; } = "";
}

/// <summary>The snapshot as Marten's inline projection keeps it: built from the events.</summary>
public sealed class TicketAggregate
{
    private static readonly string Filler = new('n', 1_700);

    public string Id { get; set; } = "";

    public long Version { get; set; }

    public string Status { get; set; } = "";

    public string Priority { get; set; } = "high";

    public string Notes { get; set; } = Filler;

    public void Apply(TicketChanged change)
    {
        Version = change.Sequence;
        Status = change.Kind == "assigned" ? "assigned" : "open";
    }
}

/// <summary>Short runs in process: a generated project would rebuild the silo on a busy two-core machine.</summary>
internal sealed class EventStoreConfig : ManualConfig
{
    public EventStoreConfig()
    {
        if (!BenchConfig.CommandLineJob)
        {
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(2)
                .WithIterationCount(6)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithId("ShortInProcess"));
        }
        AddColumn(BenchmarkDotNet.Columns.StatisticColumn.OperationsPerSecond);
    }
}
