using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>
/// An escalation step of one clock, due at an exact instant.
/// </summary>
/// <param name="Id">
/// Stable across recomputation, so the grain can keep the ids it has fired and fire each exactly once:
/// "{metric}:{stepId}", plus "@{offer instant}" for the accept clock, which starts a new cycle per offer.
/// </param>
public sealed record SlaCheckpoint(string Id, SlaMetric Metric, EscalationStep Step, Instant DueAt);
