using Dispatch.Domain.Sla;

namespace Dispatch.Domain.Tickets;

/// <summary>An SLA-relevant moment of a ticket, with the time that counts for it (a device's, when plausible).</summary>
public sealed record TicketMark(DateTimeOffset At, SlaEventKind Kind, string? Reason);
