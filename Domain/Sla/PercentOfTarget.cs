using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>Due when elapsed business time reaches <see cref="Percent"/> of the target (50 = half; 100 = the breach).</summary>
public sealed record PercentOfTarget(double Percent) : EscalationTrigger
{
    public override Duration ThresholdFor(Duration target) => Of(target, Percent);

    /// <summary>
    /// <paramref name="percent"/> of <paramref name="target"/>, to the nanosecond. Decimal arithmetic, because
    /// double loses nanoseconds on multi-day targets and checkpoint instants must be exact.
    /// </summary>
    public static Duration Of(Duration target, double percent)
    {
        var nanoseconds = target.ToInt64Nanoseconds() * (decimal)percent / 100m;
        return Duration.FromNanoseconds((long)decimal.Round(nanoseconds, MidpointRounding.AwayFromZero));
    }
}
