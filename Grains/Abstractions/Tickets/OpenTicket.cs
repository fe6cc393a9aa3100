namespace Dispatch.Grains.Tickets;

/// <summary>
/// A request from a channel (受理 intake), already checked for form by the web layer. OpenedBy is the caller the
/// intake belongs to (its channel or token subject): only that caller's intake keys reach this ticket.
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatch.open-ticket")]
public sealed record OpenTicket(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Description,
    [property: Id(3)] string ServiceType,
    [property: Id(4)] string Priority,
    [property: Id(5)] GeoPoint Location,
    [property: Id(6)] IReadOnlyList<string> RequiredSkills,
    [property: Id(7)] string Channel,
    [property: Id(8)] string? ExternalId,
    [property: Id(9)] string? OpenedBy = null);

[GenerateSerializer, Immutable, Alias("dispatch.geo-point")]
public sealed record GeoPoint([property: Id(0)] double Lat, [property: Id(1)] double Lon);
