namespace Dispatch.Domain.Geo;

/// <summary>
/// Great-circle distance on a spherical Earth (haversine). A sphere is within 0.5% of the ellipsoid, far less
/// than the error of a straight-line ETA, and it keeps the spatial index's lower bounds simple and exact.
/// </summary>
public static class GreatCircle
{
    /// <summary>The IUGG mean Earth radius.</summary>
    public const double EarthRadiusMeters = 6371008.8;

    internal const double RadiansPerDegree = Math.PI / 180.0;

    public static double DistanceMeters(Position a, Position b)
    {
        var latA = a.Lat * RadiansPerDegree;
        var latB = b.Lat * RadiansPerDegree;
        return DistanceMeters(latA, Math.Cos(latA), a.Lon * RadiansPerDegree, latB, Math.Cos(latB), b.Lon * RadiansPerDegree);
    }

    /// <summary>
    /// The same haversine on pre-converted radians and cosines. The spatial index keeps these per engineer; both
    /// paths run this one expression so that the index and the brute-force reference agree to the last bit,
    /// which is what makes their tie order identical.
    /// </summary>
    internal static double DistanceMeters(double latA, double cosLatA, double lonA, double latB, double cosLatB, double lonB)
    {
        var sinHalfDLat = Math.Sin((latB - latA) * 0.5);
        var sinHalfDLon = Math.Sin((lonB - lonA) * 0.5);
        var h = (sinHalfDLat * sinHalfDLat) + (cosLatA * cosLatB * sinHalfDLon * sinHalfDLon);
        // Rounding can push h a hair above 1 for antipodal points; Asin would then return NaN.
        return 2.0 * EarthRadiusMeters * Math.Asin(Math.Sqrt(Math.Min(1.0, h)));
    }
}
