using NetTopologySuite.Geometries;

namespace Dispatch.Domain.Geo;

/// <summary>One feature of a region file as written, before missing neighbour lists are worked out.</summary>
internal sealed record RegionFeature(
    string Id,
    string Name,
    Geometry Area,
    double SpeedKmh,
    IReadOnlyList<string>? Neighbours,
    bool AutoAccept,
    DispatchMode Mode);
