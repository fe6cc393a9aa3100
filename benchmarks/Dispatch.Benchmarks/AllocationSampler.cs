using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Dispatch.Benchmarks;

/// <summary>
/// Which types the process allocates most (<c>--profile-dispatch --allocations</c>): the runtime reports one
/// allocation in about every 100 KB with its type, so the bytes per type are a sample, good for ranking.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int AllocationTick = 10;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _on;

    public void Start()
    {
        _bytes.Clear();
        _on = true;
    }

    public void Stop() => _on = false;

    public IEnumerable<(string Type, long Bytes)> Top(int count) =>
        _bytes.OrderByDescending(b => b.Value).Take(count).Select(b => (b.Key, b.Value));

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_on || e.EventId != AllocationTick || e.PayloadNames is not { } names)
        {
            return;
        }
        var type = e.Payload![names.IndexOf("TypeName")] as string ?? "?";
        var amount = names.IndexOf("AllocationAmount64") is var i and >= 0 ? Convert.ToInt64(e.Payload[i], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, total) => total + amount);
    }
}
