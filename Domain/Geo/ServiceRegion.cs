using NetTopologySuite.Geometries;

namespace Dispatch.Domain.Geo;

/// <summary>
/// A district served by one region dispatcher. <paramref name="Area"/> is a Polygon or MultiPolygon in lon/lat
/// (GeoJSON order); <paramref name="SpeedKmh"/> is the straight-line travel speed used for ETAs.
/// </summary>
public sealed record ServiceRegion(
    string Id,
    string Name,
    Geometry Area,
    double SpeedKmh,
    IReadOnlyList<string> Neighbours,
    bool AutoAccept,
    DispatchMode Mode)
{
    /// <summary>
    /// The middle of the region's bounding box: a good origin for the region's engineer index, whose local
    /// projection is most accurate near its origin (exactness does not depend on it).
    /// </summary>
    public Position Center
    {
        get
        {
            var centre = Area.EnvelopeInternal.Centre;
            return new Position(centre.Y, centre.X);
        }
    }
}
