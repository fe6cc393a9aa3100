using Dispatch.Domain.Engineers;
using Dispatch.Domain.Geo;
using Dispatch.Grains.Tickets;

namespace Dispatch.Grains.Engineers;

/// <summary>An engineer as dispatchers and the engineer's own app see them.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.engineer-view")]
public sealed record EngineerView(
    [property: Id(0)] string Id,
    [property: Id(1)] EngineerProfile Profile,
    [property: Id(2)] ShownStatus Status,
    [property: Id(3)] EngineerPosition? Position,
    [property: Id(4)] string? Region,
    [property: Id(5)] OfferView? Offer,
    [property: Id(6)] IReadOnlyList<string> Jobs,
    [property: Id(7)] int JobsDoneToday);

[GenerateSerializer, Immutable, Alias("dispatch.engineer-position")]
public sealed record EngineerPosition(
    [property: Id(0)] Position Point,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] double? AccuracyMeters,
    [property: Id(3)] TimeSpan Age,
    [property: Id(4)] bool Flagged);

/// <summary>A job offered to an engineer, waiting for accept or decline until it expires.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.offer-view")]
public sealed record OfferView(
    [property: Id(0)] string TicketId,
    [property: Id(1)] DateTimeOffset OfferedAt,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] double DistanceMeters,
    [property: Id(4)] TimeSpan Eta);
