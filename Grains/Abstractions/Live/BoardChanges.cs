namespace Dispatch.Grains.Live;

/// <summary>
/// What one silo's tickets and engineers told a region board in the last tenth of a second, handed over in one
/// message (see <c>BoardFeed</c>): the latest marker of each, the engineers who left for another region, and the
/// accepted offers and resolutions that today's tallies count.
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatch.live.board-changes")]
public sealed record BoardChanges(
    [property: Id(0)] IReadOnlyList<TicketMarker> Tickets,
    [property: Id(1)] IReadOnlyList<EngineerMarker> Engineers,
    [property: Id(2)] IReadOnlyList<string> EngineersLeft,
    [property: Id(3)] IReadOnlyList<AcceptedOffer> Accepts,
    [property: Id(4)] IReadOnlyList<TicketResolution> Resolutions);

/// <summary>An engineer accepted the offer of a ticket at this place, this long after it was offered.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.live.accepted-offer")]
public sealed record AcceptedOffer(
    [property: Id(0)] string TicketId,
    [property: Id(1)] double Lat,
    [property: Id(2)] double Lon,
    [property: Id(3)] TimeSpan TimeToAccept,
    [property: Id(4)] DateTimeOffset At);

/// <summary>A ticket was resolved, within its SLA or not.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.live.ticket-resolution")]
public sealed record TicketResolution(
    [property: Id(0)] string TicketId,
    [property: Id(1)] bool SlaBreached,
    [property: Id(2)] DateTimeOffset At);
