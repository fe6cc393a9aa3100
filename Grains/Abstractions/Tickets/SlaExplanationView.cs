namespace Dispatch.Grains.Tickets;

/// <summary>GET /api/tickets/{id}/sla/explain: how each clock's numbers were computed.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.sla-explanation")]
public sealed record SlaExplanationView(
    [property: Id(0)] string TicketId,
    [property: Id(1)] string PolicyId,
    [property: Id(2)] string PolicyName,
    [property: Id(3)] DateTimeOffset Now,
    [property: Id(4)] IReadOnlyList<SlaClockExplanation> Clocks,
    [property: Id(5)] IReadOnlyList<string> FiredCheckpoints);

[GenerateSerializer, Immutable, Alias("dispatch.sla-clock-explanation")]
public sealed record SlaClockExplanation(
    [property: Id(0)] SlaClockView Clock,
    [property: Id(1)] DateTimeOffset? StartedAt,
    [property: Id(2)] DateTimeOffset? StoppedAt,
    [property: Id(3)] IReadOnlyList<CountedSpan> Counted,
    [property: Id(4)] IReadOnlyList<PauseSpan> Pauses,
    [property: Id(5)] IReadOnlyList<Span> CalendarGaps);

[GenerateSerializer, Immutable, Alias("dispatch.counted-span")]
public sealed record CountedSpan([property: Id(0)] DateTimeOffset Start, [property: Id(1)] DateTimeOffset End, [property: Id(2)] TimeSpan RunningTotal);

[GenerateSerializer, Immutable, Alias("dispatch.pause-span")]
public sealed record PauseSpan([property: Id(0)] DateTimeOffset Start, [property: Id(1)] DateTimeOffset? End, [property: Id(2)] string? Reason, [property: Id(3)] string Cause);

[GenerateSerializer, Immutable, Alias("dispatch.span")]
public sealed record Span([property: Id(0)] DateTimeOffset Start, [property: Id(1)] DateTimeOffset End);
