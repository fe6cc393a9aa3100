using System.Text.Json.Serialization;
using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>
/// When an escalation step fires, expressed as an amount of the clock's business time, so a step crossing a
/// closed night fires the next morning at the exact business-time instant.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(PercentOfTarget), "percentOfTarget")]
[JsonDerivedType(typeof(AfterBreach), "afterBreach")]
public abstract record EscalationTrigger
{
    /// <summary>The elapsed business time at which the step is due, for a clock with <paramref name="target"/>.</summary>
    public abstract Duration ThresholdFor(Duration target);
}
