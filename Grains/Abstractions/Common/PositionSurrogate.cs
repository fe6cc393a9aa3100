using Dispatch.Domain.Geo;

namespace Dispatch.Grains.Common;

/// <summary>
/// How grain contracts carry the domain's <see cref="Position"/> (which knows nothing of Orleans): latitude and longitude
/// under the field ids the point type before it used, so a message reads the same either way.
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatch.position")]
public readonly record struct PositionSurrogate([property: Id(0)] double Lat, [property: Id(1)] double Lon);

[RegisterConverter]
public sealed class PositionSurrogateConverter : IConverter<Position, PositionSurrogate>
{
    public Position ConvertFromSurrogate(in PositionSurrogate surrogate) => new(surrogate.Lat, surrogate.Lon);

    public PositionSurrogate ConvertToSurrogate(in Position value) => new(value.Lat, value.Lon);
}
