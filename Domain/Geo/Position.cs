using System.Text.Json.Serialization;

namespace Dispatch.Domain.Geo;

/// <summary>
/// A point on the Earth in WGS 84 degrees. Latitude comes first here because people read positions that way;
/// GeoJSON and NetTopologySuite coordinates are the other way round (X = longitude, Y = latitude).
/// </summary>
public readonly record struct Position(double Lat, double Lon)
{
    /// <summary>Finite, latitude within [-90, 90] and longitude within [-180, 180].</summary>
    /// <remarks>Not part of a position's JSON, which is its latitude and longitude (<c>{"lat":…,"lon":…}</c>).</remarks>
    [JsonIgnore]
    public bool IsValid =>
        double.IsFinite(Lat) && double.IsFinite(Lon) && Lat is >= -90 and <= 90 && Lon is >= -180 and <= 180;
}
