using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.Valid;

namespace Dispatch.Domain.Geo;

/// <summary>
/// Reads a region file strictly: an operator who mistypes a property should hear about it at start-up, naming the
/// feature, rather than find tickets refused later.
/// </summary>
internal static class RegionFileReader
{
    public static List<RegionFeature> Read(string json, GeometryFactory factory)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new RegionMapException($"The region file is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var type)
                || type.ValueKind != JsonValueKind.String
                || type.GetString() != "FeatureCollection")
            {
                throw new RegionMapException("The region file must be a GeoJSON FeatureCollection.");
            }

            if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                throw new RegionMapException("The region file's FeatureCollection has no \"features\" array.");
            }

            var options = new JsonSerializerOptions();
            options.Converters.Add(new GeoJsonConverterFactory(factory));
            var result = new List<RegionFeature>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var feature in features.EnumerateArray())
            {
                var region = ReadFeature(feature, index, options);
                if (!seen.Add(region.Id))
                {
                    throw new RegionMapException(Invariant($"Feature {index}: the region id '{region.Id}' is used twice."));
                }

                result.Add(region);
                index++;
            }

            if (result.Count == 0)
            {
                throw new RegionMapException("The region file has no features: at least one region is needed.");
            }

            return result;
        }
    }

    private static RegionFeature ReadFeature(JsonElement feature, int index, JsonSerializerOptions options)
    {
        var where = Invariant($"Feature {index}");
        if (feature.ValueKind != JsonValueKind.Object)
        {
            throw new RegionMapException($"{where}: a feature must be a JSON object.");
        }

        if (!feature.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            throw new RegionMapException($"{where}: \"properties\" with at least an \"id\" is required.");
        }

        var id = OptionalString(properties, "id", where);
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new RegionMapException($"{where}: the property \"id\" is missing or empty.");
        }

        where = $"{where} ('{id}')";
        var name = OptionalString(properties, "name", where) ?? id;
        var speed = OptionalNumber(properties, "speedKmh", where) ?? RegionMap.DefaultSpeedKmh;
        if (!double.IsFinite(speed) || speed <= 0)
        {
            throw new RegionMapException(Invariant($"{where}: \"speedKmh\" must be a positive number, not {speed}."));
        }

        var autoAccept = OptionalBool(properties, "autoAccept", where) ?? false;
        var mode = OptionalString(properties, "mode", where) switch
        {
            null => DispatchMode.Greedy,
            var m when m.Equals("greedy", StringComparison.OrdinalIgnoreCase) => DispatchMode.Greedy,
            var m when m.Equals("batch", StringComparison.OrdinalIgnoreCase) => DispatchMode.Batch,
            var m => throw new RegionMapException($"{where}: \"mode\" must be \"greedy\" or \"batch\", not \"{m}\"."),
        };
        var neighbours = OptionalStrings(properties, "neighbours", where);
        var area = ReadArea(feature, where, options);
        return new RegionFeature(id, name, area, speed, neighbours, autoAccept, mode);
    }

    private static Geometry ReadArea(JsonElement feature, string where, JsonSerializerOptions options)
    {
        if (!feature.TryGetProperty("geometry", out var element) || element.ValueKind != JsonValueKind.Object)
        {
            throw new RegionMapException($"{where}: the feature has no geometry.");
        }

        Geometry? area;
        try
        {
            area = element.Deserialize<Geometry>(options);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw new RegionMapException($"{where}: the geometry cannot be read: {e.Message}", e);
        }

        if (area is not (Polygon or MultiPolygon))
        {
            throw new RegionMapException($"{where}: the geometry must be a Polygon or MultiPolygon, not {area?.GeometryType ?? "nothing"}.");
        }

        if (area.IsEmpty)
        {
            throw new RegionMapException($"{where}: the polygon is empty.");
        }

        var envelope = area.EnvelopeInternal;
        if (envelope.MinX < -180 || envelope.MaxX > 180 || envelope.MinY < -90 || envelope.MaxY > 90)
        {
            throw new RegionMapException($"{where}: coordinates must be [longitude, latitude] in degrees (GeoJSON order); some are out of range.");
        }

        // Point-in-polygon answers on a self-intersecting ring are meaningless, so refuse it instead of guessing.
        var validity = new IsValidOp(area).ValidationError;
        if (validity is not null)
        {
            throw new RegionMapException($"{where}: the polygon is not valid: {validity.Message} at {validity.Coordinate}.");
        }

        return area;
    }

    private static string? OptionalString(JsonElement properties, string name, string where)
    {
        if (!properties.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new RegionMapException($"{where}: \"{name}\" must be a string.");
    }

    private static double? OptionalNumber(JsonElement properties, string name, string where)
    {
        if (!properties.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new RegionMapException($"{where}: \"{name}\" must be a number.");
    }

    private static bool? OptionalBool(JsonElement properties, string name, string where)
    {
        if (!properties.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw new RegionMapException($"{where}: \"{name}\" must be true or false.");
    }

    private static List<string>? OptionalStrings(JsonElement properties, string name, string where)
    {
        if (!properties.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new RegionMapException($"{where}: \"{name}\" must be an array of region ids.");
        }

        return value.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString())
                ? item.GetString()!
                : throw new RegionMapException($"{where}: \"{name}\" must contain only region ids (non-empty strings)."))
            .ToList();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
