namespace Dispatch.Grains.Tickets;

[GenerateSerializer, Immutable, Alias("dispatch.geo-point")]
public sealed record GeoPoint([property: Id(0)] double Lat, [property: Id(1)] double Lon);
