using Dispatch.Domain.Geo;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;

namespace Dispatch.Grains.Tickets;

/// <summary>
/// A ticket as the API shows it: GET /api/tickets/{id}. <see cref="CustomerLink"/> is the customer's status link, which
/// the web node signs and adds for the people who may send it (a channel, by SMS).
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatch.ticket-view")]
public sealed record TicketView(
    [property: Id(0)] string Id,
    [property: Id(1)] TicketStatus Status,
    [property: Id(2)] Priority Priority,
    [property: Id(3)] string CustomerId,
    [property: Id(4)] string CustomerTier,
    [property: Id(5)] string ServiceType,
    [property: Id(6)] string Title,
    [property: Id(7)] string Description,
    [property: Id(8)] Position Location,
    [property: Id(9)] IReadOnlyList<string> RequiredSkills,
    [property: Id(10)] string Channel,
    [property: Id(11)] string? ExternalId,
    [property: Id(12)] string? AssignedEngineerId,
    [property: Id(13)] int EscalationLevel,
    [property: Id(14)] string? WaitingReason,
    [property: Id(15)] string SlaPolicyId,
    [property: Id(16)] IReadOnlyList<SlaClockView> Sla,
    [property: Id(17)] IReadOnlyList<TimelineEntry> Timeline,
    [property: Id(18)] DateTimeOffset CreatedAt,
    [property: Id(19)] Customers.Survey? Survey,
    [property: Id(20)] string? OpenedBy = null,
    [property: Id(21)] string? CustomerLink = null);

/// <summary>One SLA clock: its target, how much of it is used, when it falls due, and its state.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.sla-clock-view")]
public sealed record SlaClockView(
    [property: Id(0)] string Metric,
    [property: Id(1)] TimeSpan Target,
    [property: Id(2)] DateTimeOffset? DueAt,
    [property: Id(3)] TimeSpan Elapsed,
    [property: Id(4)] TimeSpan Remaining,
    [property: Id(5)] string State,
    [property: Id(6)] string Calendar);

/// <summary>One thing that happened to a ticket: what, when, who (and in which role), why.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.timeline-entry")]
public sealed record TimelineEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string What,
    [property: Id(3)] string? From,
    [property: Id(4)] string? To,
    [property: Id(5)] string By,
    [property: Id(6)] string Role,
    [property: Id(7)] string? Why,
    [property: Id(8)] IReadOnlyDictionary<string, string>? Details = null);
