using Dispatch.Grains.Common;
using Orleans.Concurrency;

namespace Dispatch.Grains.Live;

/// <summary>
/// The live operations board (key: 0): every open ticket and engineer as markers, the alert feed, the
/// heatmap cells and the KPIs, fanned out to every web node. Grains report to it one way and never wait
/// for it; it batches pushes (positions every 250 ms, heatmap and KPIs once a second).
/// </summary>
public interface IOperationsBoardGrain : IGrainWithIntegerKey
{
    [OneWay]
    Task TicketChanged(TicketMarker ticket);

    [OneWay]
    Task EngineerChanged(EngineerMarker engineer);

    /// <summary>Several engineers' markers at once, gathered on a silo by its <see cref="IBoardFeedGrain"/>.</summary>
    [OneWay]
    Task EngineersChanged(IReadOnlyList<EngineerMarker> engineers);

    [OneWay]
    Task Raise(AlertNote alert);

    /// <summary>An offer was accepted after this long: mean time to accept, response-time heat.</summary>
    [OneWay]
    Task OfferAccepted(string ticketId, double lat, double lon, TimeSpan timeToAccept, DateTimeOffset at);

    /// <summary>A ticket was resolved, within or beyond its SLA: today's compliance.</summary>
    [OneWay]
    Task TicketResolved(string ticketId, bool slaBreached, DateTimeOffset at);

    [OneWay]
    Task OfferMade(OfferPush offer);

    [OneWay]
    Task EngineerWorkChanged(string engineerId, string reason);

    /// <summary>The board as of now, for the regions asked (none: all).</summary>
    [ReadOnly]
    Task<BoardSnapshot> Snapshot(IReadOnlyList<string> regions);

    /// <summary>An operator acknowledges an alert; it goes on the ticket's timeline.</summary>
    Task<AlertNote?> Acknowledge(string alertId, Actor by);

    [ReadOnly]
    Task<string> RegionsGeoJson();

    Task Subscribe(ILiveFeedObserver observer);

    Task Unsubscribe(ILiveFeedObserver observer);
}
