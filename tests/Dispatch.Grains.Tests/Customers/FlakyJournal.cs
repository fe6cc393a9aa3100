using Dispatch.Grains.Events;

namespace Dispatch.Grains.Tests.Customers;

/// <summary>An in-memory event journal that refuses appends while <see cref="Failing"/> is set, as a database outage would.</summary>
public sealed class FlakyJournal : IEventJournal
{
    private readonly SortedDictionary<(string Stream, long Sequence), DomainEvent> _events = [];

    private volatile bool _failing;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public Task AppendAsync(IReadOnlyList<DomainEvent> events, CancellationToken cancellationToken = default)
    {
        if (Failing)
        {
            throw new InvalidOperationException("the journal is down (test)");
        }
        lock (_events)
        {
            foreach (var e in events)
            {
                _events.TryAdd((e.Stream, e.Sequence), e);
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DomainEvent>> ReadStreamAsync(string stream, CancellationToken cancellationToken = default)
    {
        lock (_events)
        {
            IReadOnlyList<DomainEvent> found = [.. _events.Values.Where(e => e.Stream == stream)];
            return Task.FromResult(found);
        }
    }
}
