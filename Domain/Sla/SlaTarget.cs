using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>A promise: the metric must reach its goal within <see cref="Target"/> of business time on the named calendar.</summary>
public sealed record SlaTarget(SlaMetric Metric, Duration Target, string CalendarId);
