using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Dispatching;

/// <summary>How long an engineer needs to get from one point to another; a road-network router can replace the straight line.</summary>
public interface ITravelTimeEstimator
{
    TimeSpan Estimate(Position from, Position to, ServiceRegion region);
}
