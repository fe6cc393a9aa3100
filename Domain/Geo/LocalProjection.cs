using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace Dispatch.Domain.Geo;

/// <summary>
/// An equirectangular projection to metres around an origin latitude: x = lon · cos(lat₀) · R, y = lat · R (in
/// radians). It is separable (x depends only on longitude, y only on latitude), so a rectangle of metres is a
/// rectangle of degrees; that is what lets the engineer index bound great-circle distances exactly.
/// Distortion grows away from the origin latitude (about 1% at 60 km north or south of it).
/// </summary>
public readonly record struct LocalProjection
{
    public LocalProjection(double originLat)
    {
        if (!double.IsFinite(originLat) || Math.Abs(originLat) > 89)
        {
            throw new ArgumentOutOfRangeException(nameof(originLat), originLat, "The origin latitude must be within [-89, 89].");
        }

        OriginLat = originLat;
        MetersPerDegreeLat = GreatCircle.EarthRadiusMeters * GreatCircle.RadiansPerDegree;
        MetersPerDegreeLon = MetersPerDegreeLat * Math.Cos(originLat * GreatCircle.RadiansPerDegree);
    }

    public double OriginLat { get; }

    public double MetersPerDegreeLat { get; }

    public double MetersPerDegreeLon { get; }

    /// <summary>Scales a lon/lat geometry to metres, for planar measures such as "within 200 m".</summary>
    public Geometry ToMeters(Geometry lonLat) =>
        AffineTransformation.ScaleInstance(MetersPerDegreeLon, MetersPerDegreeLat).Transform(lonLat);
}
