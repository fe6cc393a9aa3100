using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>
/// Due <see cref="Offset"/> of further business time after the breach (+0 = at the breach), on the metric's
/// calendar: "+2 h" after an evening breach on office hours is two working hours, i.e. the next morning.
/// </summary>
public sealed record AfterBreach(Duration Offset) : EscalationTrigger
{
    public override Duration ThresholdFor(Duration target) => target + Offset;
}
