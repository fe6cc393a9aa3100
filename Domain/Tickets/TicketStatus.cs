namespace Dispatch.Domain.Tickets;

/// <summary>Where a ticket is in its life: 受理 intake → 诊断 triage → 派工 dispatch → 维修 repair → 回访 follow-up.</summary>
public enum TicketStatus
{
    New,
    Triaged,
    Dispatching,
    Offered,
    Accepted,
    EnRoute,
    OnSite,
    Resolved,
    Closed,

    /// <summary>Waiting on the customer, for parts, or any configured reason; the SLA clocks stand still.</summary>
    Waiting,
    Cancelled,
}
