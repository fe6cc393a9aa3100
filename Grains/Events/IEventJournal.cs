namespace Dispatch.Grains.Events;

/// <summary>
/// The durable event log every ticket and customer grain appends to: the audit trail and the source of
/// KPIs. An append completes once the events are stored; appending an event that is already stored
/// (same stream and sequence) is harmless, so a grain re-appends whatever it is not sure was stored.
/// </summary>
public interface IEventJournal
{
    Task AppendAsync(IReadOnlyList<DomainEvent> events, CancellationToken cancellationToken = default);

    /// <summary>One stream's events in order (the audit trail of one ticket or customer).</summary>
    Task<IReadOnlyList<DomainEvent>> ReadStreamAsync(string stream, CancellationToken cancellationToken = default);
}
