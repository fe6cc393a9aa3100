using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Dispatching;

/// <summary>
/// Great-circle distance at the region's configured speed. The speed is meant to be an effective one (detours and
/// traffic folded in), so the estimate ranks engineers sensibly even though no road is straight.
/// </summary>
public sealed class StraightLineTravel : ITravelTimeEstimator
{
    public TimeSpan Estimate(Position from, Position to, ServiceRegion region)
    {
        ArgumentNullException.ThrowIfNull(region);
        var metersPerSecond = region.SpeedKmh * 1000 / 3600;
        return TimeSpan.FromSeconds(GreatCircle.DistanceMeters(from, to) / metersPerSecond);
    }
}
