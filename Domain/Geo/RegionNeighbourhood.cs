namespace Dispatch.Domain.Geo;

/// <summary>
/// Works out which regions neighbour each other, for widening a search when a region has no free engineer.
/// A file may list neighbours explicitly (e.g. across a river with no bridge, two touching districts are not
/// neighbours in practice); otherwise regions that touch or lie within <see cref="RegionMap.NeighbourGapMeters"/>
/// of each other are, so that hand-drawn borders with small gaps still connect.
/// </summary>
internal static class RegionNeighbourhood
{
    public static ServiceRegion[] Complete(IReadOnlyList<RegionFeature> features)
    {
        var ids = features.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var feature in features)
        {
            foreach (var neighbour in feature.Neighbours ?? [])
            {
                if (!ids.Contains(neighbour))
                {
                    throw new RegionMapException($"Region '{feature.Id}' lists the neighbour '{neighbour}', which is not in the file.");
                }

                if (neighbour == feature.Id)
                {
                    throw new RegionMapException($"Region '{feature.Id}' lists itself as a neighbour.");
                }
            }
        }

        return features
            .Select(f => new ServiceRegion(
                f.Id,
                f.Name,
                f.Area,
                f.SpeedKmh,
                f.Neighbours?.Distinct(StringComparer.Ordinal).ToList() ?? Nearby(f, features),
                f.AutoAccept,
                f.Mode))
            .ToArray();
    }

    private static List<string> Nearby(RegionFeature region, IReadOnlyList<RegionFeature> all)
    {
        var result = new List<string>();
        foreach (var other in all)
        {
            if (ReferenceEquals(other, region))
            {
                continue;
            }

            // Measure in metres around the pair's mean latitude: degrees of longitude shrink with latitude.
            var lat = (region.Area.EnvelopeInternal.Centre.Y + other.Area.EnvelopeInternal.Centre.Y) / 2;
            var projection = new LocalProjection(Math.Clamp(lat, -89, 89));
            if (region.Area.EnvelopeInternal.Intersects(other.Area.EnvelopeInternal)
                    && region.Area.Intersects(other.Area)
                || projection.ToMeters(region.Area).IsWithinDistance(projection.ToMeters(other.Area), RegionMap.NeighbourGapMeters))
            {
                result.Add(other.Id);
            }
        }

        return result;
    }
}
