namespace Dispatch.Grains.Events;

/// <summary>
/// A grain state whose changes are described by events in the event log. The storage writes the state and
/// <see cref="EventsToWrite"/> in one durable write, so the log holds an event exactly when the stored state
/// includes the change it describes: a write that fails leaves neither.
/// </summary>
public interface IJournaledState
{
    /// <summary>The events of the change about to be stored; not part of the stored state itself.</summary>
    IReadOnlyList<DomainEvent> EventsToWrite { get; set; }
}
