using System.Collections.Concurrent;
using Orleans.Storage;

namespace Dispatch.Benchmarks;

/// <summary>
/// How many bytes of grain state each state type serializes (<c>--profile-dispatch --allocations</c>): every storage
/// write serializes the whole state, so this says which grains' writes the allocated byte arrays come from.
/// </summary>
internal sealed class StateWriteTally(IGrainStorageSerializer inner) : IGrainStorageSerializer
{
    private readonly ConcurrentDictionary<string, (long Writes, long Bytes)> _tally = new(StringComparer.Ordinal);
    private volatile bool _on;

    public void Start()
    {
        _tally.Clear();
        _on = true;
    }

    public void Stop() => _on = false;

    public IEnumerable<(string Type, long Writes, long Bytes)> ByType() =>
        _tally.OrderByDescending(t => t.Value.Bytes).Select(t => (t.Key, t.Value.Writes, t.Value.Bytes));

    public BinaryData Serialize<T>(T? input)
    {
        var data = inner.Serialize(input);
        if (_on)
        {
            var length = data.ToMemory().Length;
            _tally.AddOrUpdate(typeof(T).Name, (1, length), (_, t) => (t.Writes + 1, t.Bytes + length));
        }
        return data;
    }

    public T? Deserialize<T>(BinaryData input) => inner.Deserialize<T>(input);
}
