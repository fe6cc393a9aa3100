namespace Dispatch.Grains.Events;

/// <summary>
/// The durable event log: the audit trail and the source of KPIs. Nothing appends to it directly: events go
/// in with the grain state whose change they describe (<see cref="IJournaledState"/>), in one write.
/// </summary>
public interface IEventJournal
{
    /// <summary>One stream's events in order (the audit trail of one ticket or customer).</summary>
    Task<IReadOnlyList<DomainEvent>> ReadStreamAsync(string stream, CancellationToken cancellationToken = default);
}
