using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Storage;

namespace Dispatch.Grains.Customers;

/// <summary>A ticket as the customer's history keeps it; sent by the ticket at each change that matters.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.customer-ticket")]
public sealed record CustomerTicket(
    [property: Id(0)] string TicketId,
    [property: Id(1)] string Title,
    Priority Priority,
    [property: Id(3)] string ServiceType,
    TicketStatus Status,
    [property: Id(5)] DateTimeOffset OpenedAt,
    [property: Id(6)] DateTimeOffset? ResolvedAt,
    [property: Id(7)] bool SlaBreached,
    [property: Id(8)] bool IsOpen)
{
    [NonSerialized] private Priority _priority = Priority;
    [NonSerialized] private TicketStatus _status = Status;

    public Priority Priority { get => _priority; init => _priority = value; }

    public TicketStatus Status { get => _status; init => _status = value; }

    // Stored by name, as customers' histories always held them (StoredNames).
    [Id(2)] internal string PriorityName { get => StoredNames.Of(_priority); set => _priority = StoredNames.Parse<Priority>(value); }

    [Id(4)] internal string StatusName { get => StoredNames.Of(_status); set => _status = StoredNames.Parse<TicketStatus>(value); }
}

/// <summary>The satisfaction survey after a job (回访): CSAT 1-5, optional NPS 0-10, optional CES 1-7.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.survey")]
public sealed record Survey(
    [property: Id(0)] int Csat,
    [property: Id(1)] int? Nps,
    [property: Id(2)] string? Comment,
    [property: Id(3)] string? BlamedStage,
    [property: Id(4)] int? Ces = null);

/// <summary>A survey as recorded against a ticket.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.survey-response")]
public sealed record SurveyResponse(
    [property: Id(0)] string TicketId,
    [property: Id(1)] Survey Survey,
    [property: Id(2)] DateTimeOffset At);

/// <summary>The 360° view of a customer: GET /api/customers/{id}.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.customer-overview")]
public sealed record CustomerOverview(
    [property: Id(0)] string Id,
    [property: Id(1)] CustomerProfile Profile,
    [property: Id(2)] IReadOnlyList<CustomerTicket> OpenTickets,
    [property: Id(3)] IReadOnlyList<CustomerTicket> RecentTickets,
    [property: Id(4)] SlaOutcomes SlaOutcomes,
    [property: Id(5)] IReadOnlyList<SurveyResponse> Satisfaction,
    [property: Id(6)] CustomerHealthView Health);

[GenerateSerializer, Immutable, Alias("dispatch.sla-outcomes")]
public sealed record SlaOutcomes(
    [property: Id(0)] int Resolved,
    [property: Id(1)] int Breached,
    [property: Id(2)] double? ComplianceRate);

/// <summary>The health score (0-100) and what it is made of, so a low score can be explained.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.customer-health")]
public sealed record CustomerHealthView(
    [property: Id(0)] int Score,
    [property: Id(1)] bool BelowThreshold,
    [property: Id(2)] IReadOnlyDictionary<string, int> Penalties);
