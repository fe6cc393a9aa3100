using Dispatch.Grains.Events;

namespace Dispatch.Silo.Events;

/// <summary>The event log of the in-memory mode: kept in this process only, gone when it stops.</summary>
public sealed class InMemoryEventJournal : IEventJournal
{
    private readonly Dictionary<string, SortedDictionary<long, DomainEvent>> _streams = [];

    /// <summary>Called by <see cref="InMemoryJournaledStorage"/> once the state of the change is stored.</summary>
    public void Append(IReadOnlyList<DomainEvent> events)
    {
        lock (_streams)
        {
            foreach (var e in events)
            {
                if (!_streams.TryGetValue(e.Stream, out var stream))
                {
                    _streams[e.Stream] = stream = [];
                }
                stream.TryAdd(e.Sequence, e);
            }
        }
    }

    public Task<IReadOnlyList<DomainEvent>> ReadStreamAsync(string stream, CancellationToken cancellationToken = default)
    {
        lock (_streams)
        {
            IReadOnlyList<DomainEvent> events = _streams.TryGetValue(stream, out var found) ? [.. found.Values] : [];
            return Task.FromResult(events);
        }
    }
}
