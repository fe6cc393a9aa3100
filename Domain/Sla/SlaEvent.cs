using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>
/// One SLA-relevant fact of a ticket's history. The reason is kept for pauses so the explanation can say
/// why the clock stood still.
/// </summary>
public sealed record SlaEvent(Instant At, SlaEventKind Kind, string? Reason = null);
