using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Dispatch.Grains.Tickets;

namespace Dispatch.Benchmarks;

/// <summary>
/// Dispatch inside one process: an in-memory silo built like Dispatch.Silo (AddDispatchSilo), the sample city's
/// regions, and the auto-accept region "tech-park" staffed with 1,000 engineers who can take every ticket of a run.
/// <list type="bullet">
/// <item><b>Grain-call ceiling</b>: 1,000 concurrent empty grain calls per operation (to 1,000 grains), reported
/// per call, so Op/s is calls per second.</item>
/// <item><b>Dispatch</b>: 200 tickets per operation, opened concurrently through <see cref="ITicketGrain.Open"/>
/// for registered customers, each waited for (GetView polled every 5 ms) until it is Accepted: intake → SLA
/// clocks → candidate search → reserve → offer → auto-accept. Reported per ticket, so Op/s is tickets per second.</item>
/// </list>
/// Each benchmark runs in its own process with its own, identically configured cluster. The "Of ceiling"
/// column is dispatch tickets/s ÷ empty calls/s, both medians of this run.
/// </summary>
[Config(typeof(ThroughputConfig))]
public class DispatchThroughputBenchmarks
{
    public const int CallsPerOperation = 1_000;
    public const int TicketsPerOperation = 200;
    public const int EngineerCount = 1_000;

    /// <summary>
    /// A silo reaches its steady pace only after tens of thousands of calls (tiered JIT and dynamic PGO recompile
    /// the hot paths under load), more than BenchmarkDotNet's warmup gives an operation this long: both clusters
    /// are run in before measuring (60 × 200 tickets; 300 × 1,000 empty calls).
    /// </summary>
    public const int WarmupBatches = 60;

    public const int WarmupRounds = 300;

    /// <summary>
    /// Far above any run's tickets per engineer (a run accepts up to ~150,000 tickets and nobody finishes a job;
    /// Capacity's upper bound is enforced only at HTTP).
    /// </summary>
    public const int EngineerCapacity = 1_000;

    /// <summary>
    /// Tickets come from many customers, as they do: one customer grain takes every ticket of its customer in
    /// turn, and its history grows with each (see the profile mode, --profile-dispatch --customers 1).
    /// </summary>
    public const int CustomerCount = 1_000;

    private InProcessCluster? _cluster;
    private DispatchScenario? _dispatch;
    private IPingGrain[] _pings = [];
    private Stopwatch _runTime = new();
    private long _warmupTickets;

    [GlobalSetup(Target = nameof(EmptyGrainCall))]
    public async Task SetupCeiling()
    {
        _cluster = await InProcessCluster.StartAsync();
        _pings = [.. Enumerable.Range(0, CallsPerOperation).Select(i => _cluster.Grains.GetGrain<IPingGrain>(i))];
        await Task.WhenAll(_pings.Select(p => p.Ping())); // every grain active before measuring
        for (var round = 0; round < WarmupRounds; round++)
        {
            await EmptyGrainCall();
        }
    }

    [GlobalSetup(Target = nameof(DispatchToAccepted))]
    public async Task SetupDispatch()
    {
        _dispatch = await DispatchScenario.StartAsync(EngineerCount, EngineerCapacity, CustomerCount);
        for (var batch = 0; batch < WarmupBatches; batch++)
        {
            await _dispatch.DispatchBatchAsync(TicketsPerOperation);
        }

        _warmupTickets = _dispatch.Tickets;
        _runTime = Stopwatch.StartNew();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (_dispatch is not null)
        {
            Console.WriteLine($"// Dispatch: {_dispatch.Tickets - _warmupTickets} tickets accepted in {_runTime.Elapsed.TotalSeconds:0.0} s of run time after {_warmupTickets} to warm up; "
                + $"{(double)_dispatch.Polls / Math.Max(1, _dispatch.Tickets):0.00} GetView polls per ticket.");
            await _dispatch.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = CallsPerOperation, Description = "Empty grain call (ceiling)")]
    public Task EmptyGrainCall()
    {
        var calls = new Task[CallsPerOperation];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = _pings[i].Ping();
        }

        return Task.WhenAll(calls);
    }

    [Benchmark(OperationsPerInvoke = TicketsPerOperation, Description = "Ticket intake → accepted (auto-accept)")]
    public Task DispatchToAccepted() => _dispatch!.DispatchBatchAsync(TicketsPerOperation);
}
