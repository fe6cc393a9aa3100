namespace Dispatch.Grains.Events;

/// <summary>
/// Something that happened to a ticket or a customer, as it goes into the durable event log (the audit
/// trail and the source of KPIs) and to the live feed. (Stream, Sequence) identifies it: appending the
/// same event twice keeps one.
/// </summary>
/// <param name="Stream">"ticket:{id}" or "customer:{id}".</param>
/// <param name="Sequence">Position in its stream, from 1, without gaps.</param>
/// <param name="Type">What happened, e.g. "ticket.created", "sla.breached", "customer.health-low".</param>
/// <param name="Data">The event's details as a JSON object.</param>
[GenerateSerializer, Immutable, Alias("dispatch.domain-event")]
public sealed record DomainEvent(
    [property: Id(0)] string Stream,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string Type,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] Common.Actor Actor,
    [property: Id(5)] string Data);
