using Dispatch.Domain.Geo;

namespace Dispatch.Grains.Storage;

/// <summary>
/// A point as the contracts kept in grain state (a ticket's request, a region's queue, an engineer's profile) have
/// always stored it: an object, which the serializer may write once and refer back to, and a
/// <see cref="Position"/> (a value) cannot read such a reference. Those contracts carry a <see cref="Position"/> and
/// store it as this, under the old field id and type alias.
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatch.geo-point")]
public sealed record StoredPoint([property: Id(0)] double Lat, [property: Id(1)] double Lon)
{
    public static StoredPoint Of(Position position) => new(position.Lat, position.Lon);

    /// <summary>The position; a point missing from stored state is corrupt, not the origin.</summary>
    public static Position Read(StoredPoint? stored) =>
        stored is null ? throw new InvalidDataException("A stored point is missing.") : new Position(stored.Lat, stored.Lon);
}
