using System.Text.Json;

namespace Dispatch.LoadGenerator;

/// <summary>
/// The service regions from GET /api/regions (GeoJSON, [lon, lat] order), for sampling points inside them and
/// keeping simulated engineers inside while they move. Ray casting over each polygon's rings (holes excluded).
/// </summary>
internal sealed class City
{
    private readonly List<(string Id, double[][][] Rings)> _polygons = [];

    public double MinLat { get; private set; } = double.MaxValue;
    public double MaxLat { get; private set; } = double.MinValue;
    public double MinLon { get; private set; } = double.MaxValue;
    public double MaxLon { get; private set; } = double.MinValue;
    public IReadOnlyList<string> RegionIds => [.. _polygons.Select(p => p.Id).Distinct()];

    public static City FromGeoJson(string json)
    {
        var city = new City();
        using var doc = JsonDocument.Parse(json);
        foreach (var feature in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var id = feature.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object
                && props.TryGetProperty("id", out var idProp) ? idProp.GetString() ?? "?" : "?";
            var geometry = feature.GetProperty("geometry");
            var type = geometry.GetProperty("type").GetString();
            var coordinates = geometry.GetProperty("coordinates");
            if (type == "Polygon")
            {
                city.Add(id, coordinates);
            }
            else if (type == "MultiPolygon")
            {
                foreach (var polygon in coordinates.EnumerateArray())
                {
                    city.Add(id, polygon);
                }
            }
        }
        if (city._polygons.Count == 0)
        {
            throw new InvalidOperationException("GET /api/regions returned no polygons: tickets would all be refused");
        }
        return city;
    }

    private void Add(string id, JsonElement polygon)
    {
        var rings = polygon.EnumerateArray()
            .Select(ring => ring.EnumerateArray().Select(p => new[] { p[0].GetDouble(), p[1].GetDouble() }).ToArray())
            .ToArray();
        foreach (var p in rings[0])
        {
            MinLon = Math.Min(MinLon, p[0]);
            MaxLon = Math.Max(MaxLon, p[0]);
            MinLat = Math.Min(MinLat, p[1]);
            MaxLat = Math.Max(MaxLat, p[1]);
        }
        _polygons.Add((id, rings));
    }

    public bool Contains(double lat, double lon) => RegionOf(lat, lon) is not null;

    public string? RegionOf(double lat, double lon)
    {
        foreach (var (id, rings) in _polygons)
        {
            if (InRing(rings[0], lat, lon) && !rings.Skip(1).Any(hole => InRing(hole, lat, lon)))
            {
                return id;
            }
        }
        return null;
    }

    /// <summary>A uniformly random point inside the regions (rejection sampling over the bounding box), kept a little off the borders.</summary>
    public (double Lat, double Lon) RandomPoint(Random random)
    {
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var lat = MinLat + random.NextDouble() * (MaxLat - MinLat);
            var lon = MinLon + random.NextDouble() * (MaxLon - MinLon);
            // ~100 m margin: a position right on a border may round into no region on the server.
            if (Contains(lat, lon) && Contains(lat + 0.001, lon) && Contains(lat - 0.001, lon) && Contains(lat, lon + 0.001) && Contains(lat, lon - 0.001))
            {
                return (lat, lon);
            }
        }
        throw new InvalidOperationException("could not sample a point inside the regions");
    }

    private static bool InRing(double[][] ring, double lat, double lon)
    {
        var inside = false;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            double xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
            if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi)
            {
                inside = !inside;
            }
        }
        return inside;
    }

    public const double EarthRadiusMeters = 6_371_000;

    /// <summary>Moves a point by <paramref name="meters"/> along <paramref name="headingRadians"/> (0 = north), flat-earth (fine for ~100 m steps).</summary>
    public static (double Lat, double Lon) Move(double lat, double lon, double headingRadians, double meters)
    {
        var dLat = meters * Math.Cos(headingRadians) / EarthRadiusMeters * 180 / Math.PI;
        var dLon = meters * Math.Sin(headingRadians) / (EarthRadiusMeters * Math.Cos(lat * Math.PI / 180)) * 180 / Math.PI;
        return (lat + dLat, lon + dLon);
    }

    public static double DistanceMeters(double lat1, double lon1, double lat2, double lon2)
    {
        var p1 = lat1 * Math.PI / 180;
        var p2 = lat2 * Math.PI / 180;
        var dp = p2 - p1;
        var dl = (lon2 - lon1) * Math.PI / 180;
        var a = Math.Sin(dp / 2) * Math.Sin(dp / 2) + Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    public static double Bearing(double lat1, double lon1, double lat2, double lon2)
    {
        var p1 = lat1 * Math.PI / 180;
        var p2 = lat2 * Math.PI / 180;
        var dl = (lon2 - lon1) * Math.PI / 180;
        return Math.Atan2(Math.Sin(dl) * Math.Cos(p2), Math.Cos(p1) * Math.Sin(p2) - Math.Sin(p1) * Math.Cos(p2) * Math.Cos(dl));
    }
}
