using Orleans.Concurrency;

namespace Dispatch.Grains.Live;

/// <summary>
/// The live feed's way out on each silo (key: 0, one local activation per silo): a ticket's offer, an
/// engineer's work change and a region board's batches go from here straight to every listening web node,
/// which passes an engineer's push only to that engineer's connections. No board is on that path.
/// </summary>
public interface ILiveRelayGrain : IGrainWithIntegerKey
{
    [OneWay]
    Task Tickets(IReadOnlyList<TicketMarker> tickets);

    [OneWay]
    Task Engineers(IReadOnlyList<EngineerMarker> engineers);

    [OneWay]
    Task Alerts(IReadOnlyList<AlertNote> alerts);

    /// <summary>A person's inbox changed: only that person's connections hear of it.</summary>
    [OneWay]
    Task Notify(Notifications.PersonNotification notification);

    [OneWay]
    Task Heat(IReadOnlyList<HeatCell> cells);

    [OneWay]
    Task KpisChanged(Kpis kpis);

    [OneWay]
    Task OfferMade(OfferPush offer);

    /// <summary>Something about this engineer's work changed: their app re-reads its state.</summary>
    [OneWay]
    Task WorkChanged(string engineerId, string reason);
}
