using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Tests.Geo;

public sealed class GreatCircleTests
{
    private const double R = GreatCircle.EarthRadiusMeters;

    [Fact]
    public void Shanghai_to_Beijing_is_about_1067_km()
    {
        var shanghai = new Position(31.2304, 121.4737);
        var beijing = new Position(39.9042, 116.4074);

        var meters = GreatCircle.DistanceMeters(shanghai, beijing);

        Assert.InRange(meters, 1_067_000 * 0.995, 1_067_000 * 1.005);
    }

    [Theory]
    [InlineData(0, 0, 1, 0, Math.PI / 180)]          // one degree along a meridian
    [InlineData(0, 0, 0, 90, Math.PI / 2)]           // a quarter of the equator
    [InlineData(0, 0, 0, 180, Math.PI)]              // antipodes: rounding must not make Asin return NaN
    [InlineData(-90, 0, 90, 0, Math.PI)]             // pole to pole
    [InlineData(45, 10, 45, 10, 0)]                  // same point
    [InlineData(60, 179.5, 60, -179.5, 0.008726563188061663)] // across the antimeridian, not around the world
    public void Distances_match_the_sphere(double latA, double lonA, double latB, double lonB, double radians)
    {
        var meters = GreatCircle.DistanceMeters(new Position(latA, lonA), new Position(latB, lonB));

        Assert.Equal(R * radians, meters, 1e-6 * R * Math.Max(radians, 1e-9) + 1e-6);
    }

    [Fact]
    public void Distance_is_symmetric_to_the_last_bit()
    {
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            var a = new Position((random.NextDouble() * 180) - 90, (random.NextDouble() * 360) - 180);
            var b = new Position((random.NextDouble() * 180) - 90, (random.NextDouble() * 360) - 180);
            Assert.Equal(GreatCircle.DistanceMeters(a, b), GreatCircle.DistanceMeters(b, a));
        }
    }

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(90, 180, true)]
    [InlineData(-90, -180, true)]
    [InlineData(90.0001, 0, false)]
    [InlineData(0, 180.0001, false)]
    [InlineData(double.NaN, 0, false)]
    [InlineData(0, double.PositiveInfinity, false)]
    public void Position_validity(double lat, double lon, bool valid) =>
        Assert.Equal(valid, new Position(lat, lon).IsValid);
}
