using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>A rule due at an exact instant. <see cref="Id"/> is "rule:{rule id}", stable so the grain fires it once.</summary>
public sealed record RuleCheckpoint(string Id, EscalationRule Rule, Instant DueAt);
