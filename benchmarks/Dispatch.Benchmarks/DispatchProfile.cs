using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Dispatch.Benchmarks;

/// <summary>
/// Where dispatch time goes, outside BenchmarkDotNet (<c>--profile-dispatch [--customers N] [--warmups W] [--batches B]</c>):
/// the same scenario with a grain-call filter that counts every grain call by interface and method, with
/// process CPU time and GC pauses, and the empty-call ceiling of the same cluster for comparison.
/// <c>--allocations</c> adds the types allocated most while dispatching (sampled by the runtime).
/// </summary>
internal static class DispatchProfile
{
    public static async Task RunAsync(string[] args)
    {
        var customers = Option(args, "--customers", DispatchThroughputBenchmarks.CustomerCount);
        var batches = Option(args, "--batches", 20);
        var warmups = Option(args, "--warmups", 60);
        var counting = new CountingCallFilter();
        var allocations = args.Contains("--allocations");
        StateWriteTally? writes = null;
        await using var scenario = await DispatchScenario.StartAsync(
            DispatchThroughputBenchmarks.EngineerCount, DispatchThroughputBenchmarks.EngineerCapacity, customers,
            services =>
            {
                services.AddSingleton<IIncomingGrainCallFilter>(counting);
                if (allocations)
                {
                    services.AddSingleton<IGrainStorageSerializer>(sp =>
                        writes = new StateWriteTally(ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(sp)));
                }
            });

        // The ceiling of this cluster (with the counting filter in place, which costs each call a little).
        var pings = Enumerable.Range(0, 1000).Select(i => scenario.Cluster.Grains.GetGrain<IPingGrain>(i)).ToArray();
        await Task.WhenAll(pings.Select(p => p.Ping()));
        var ceiling = Stopwatch.StartNew();
        for (var round = 0; round < 300; round++)
        {
            await Task.WhenAll(pings.Select(p => p.Ping()));
        }

        var callsPerSecond = 300_000 / ceiling.Elapsed.TotalSeconds;

        // Until the JIT has recompiled the hot paths (tiered compilation, dynamic PGO) a silo runs several times slower.
        for (var warmup = 0; warmup < warmups; warmup++)
        {
            await scenario.DispatchBatchAsync(DispatchThroughputBenchmarks.TicketsPerOperation);
        }
        using var sampler = allocations ? new AllocationSampler() : null;
        counting.Reset();
        sampler?.Start();
        writes?.Start();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var pauseBefore = GC.GetTotalPauseDuration();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var gen2Before = GC.CollectionCount(2);
        var ticketsBefore = scenario.Tickets;
        var pollsBefore = scenario.Polls;
        var batchTimes = new List<double>();
        var wall = Stopwatch.StartNew();
        for (var b = 0; b < batches; b++)
        {
            var batch = Stopwatch.StartNew();
            await scenario.DispatchBatchAsync(DispatchThroughputBenchmarks.TicketsPerOperation);
            batchTimes.Add(batch.Elapsed.TotalMilliseconds);
        }

        wall.Stop();
        sampler?.Stop();
        writes?.Stop();
        process.Refresh();
        var tickets = scenario.Tickets - ticketsBefore;
        var cpu = process.TotalProcessorTime - cpuBefore;
        var ticketsPerSecond = tickets / wall.Elapsed.TotalSeconds;
        var calls = counting.Snapshot();
        var totalCalls = calls.Sum(c => c.Count);

        var w = Console.Out;
        w.WriteLine(Invariant($"// Dispatch profile: {customers} customers, {DispatchThroughputBenchmarks.EngineerCount} engineers, {batches} batches of {DispatchThroughputBenchmarks.TicketsPerOperation} tickets"));
        w.WriteLine(Invariant($"ceiling (empty calls, with the counting filter): {callsPerSecond:N0} calls/s"));
        w.WriteLine(Invariant($"dispatch: {ticketsPerSecond:N0} tickets/s = {ticketsPerSecond / callsPerSecond:P3} of the ceiling; batch times (ms): {string.Join(" ", batchTimes.Select(t => Math.Round(t)))}"));
        // The in-memory storage and reminder table are grains of their own (with PostgreSQL these are writes, no grain
        // call), and the scenario polls each ticket's view until it is accepted: neither is a call a ticket makes.
        var providerCalls = calls.Where(c => InMemoryProviders.Any(p => c.Method.StartsWith(p, StringComparison.Ordinal))).Sum(c => c.Count);
        var polls = scenario.Polls - pollsBefore;
        w.WriteLine(Invariant($"grain calls: {totalCalls / (double)tickets:0.0} per ticket ({totalCalls / wall.Elapsed.TotalSeconds:N0} calls/s while dispatching); {(totalCalls - providerCalls - polls) / (double)tickets:0.0} of the ticket's own, without the in-memory storage and reminder table's calls and the scenario's {polls / (double)tickets:0.0} polls"));
        w.WriteLine(Invariant($"CPU: {cpu.TotalSeconds / wall.Elapsed.TotalSeconds / Environment.ProcessorCount:P0} of {Environment.ProcessorCount} cores, {cpu.TotalMilliseconds / tickets:0.00} ms CPU per ticket; GC: {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds / wall.Elapsed.TotalMilliseconds:P1} of wall time paused, {GC.CollectionCount(2) - gen2Before} gen2, {(GC.GetTotalAllocatedBytes() - allocatedBefore) / (double)tickets / 1024:0} KB allocated per ticket"));
        w.WriteLine("| grain method | calls per ticket | mean inclusive time |");
        w.WriteLine("| --- | ---: | ---: |");
        foreach (var c in calls.OrderByDescending(c => c.Count))
        {
            w.WriteLine(Invariant($"| {c.Method} | {c.Count / (double)tickets:0.00} | {c.TotalMilliseconds / c.Count:0.000} ms |"));
        }
        if (sampler is not null)
        {
            w.WriteLine("| type allocated (sampled) | KB per ticket |");
            w.WriteLine("| --- | ---: |");
            foreach (var (type, bytes) in sampler.Top(25))
            {
                w.WriteLine(Invariant($"| {type} | {bytes / (double)tickets / 1024:0.0} |"));
            }
        }
        if (writes is not null)
        {
            w.WriteLine("| grain state serialized | writes per ticket | bytes a write | KB per ticket |");
            w.WriteLine("| --- | ---: | ---: | ---: |");
            foreach (var (type, count, bytes) in writes.ByType())
            {
                w.WriteLine(Invariant($"| {type} | {count / (double)tickets:0.00} | {bytes / (double)Math.Max(1, count):N0} | {bytes / (double)tickets / 1024:0.0} |"));
            }
        }
    }

    private static readonly string[] InMemoryProviders = ["Orleans.Storage.IMemoryStorageGrain.", "Orleans.IReminderTableGrain."];

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class CountingCallFilter : IIncomingGrainCallFilter
    {
        private ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await context.Invoke();
            }
            finally
            {
                var counter = _counters.GetOrAdd($"{context.InterfaceName}.{context.MethodName}", _ => new Counter());
                Interlocked.Increment(ref counter.Count);
                Interlocked.Add(ref counter.Ticks, Stopwatch.GetTimestamp() - started);
            }
        }

        public void Reset() => _counters = new(StringComparer.Ordinal);

        public List<(string Method, long Count, double TotalMilliseconds)> Snapshot() =>
            [.. _counters.Select(c => (c.Key, c.Value.Count, c.Value.Ticks * 1000.0 / Stopwatch.Frequency))];

        private sealed class Counter
        {
            public long Count;
            public long Ticks;
        }
    }
}
