using Dispatch.Domain.Dispatching;
using Dispatch.Domain.Geo;
using Polygon = NetTopologySuite.Geometries.Polygon;

namespace Dispatch.Domain.Tests.Dispatching;

public sealed class StraightLineTravelTests
{
    [Theory]
    [InlineData(30, 20)]
    [InlineData(60, 10)]
    [InlineData(18, 100.0 / 3)]
    public void Ten_km_takes_distance_over_the_regions_speed(double speedKmh, double expectedMinutes)
    {
        var region = new ServiceRegion("r", "R", Polygon.Empty, speedKmh, [], false, DispatchMode.Greedy);
        var from = new Position(31.0, 121.0);
        var to = new Position(31.0 + (10_000 / (GreatCircle.EarthRadiusMeters * Math.PI / 180)), 121.0); // 10 km north

        var eta = new StraightLineTravel().Estimate(from, to, region);

        Assert.Equal(expectedMinutes, eta.TotalMinutes, 6);
    }
}
