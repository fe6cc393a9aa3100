using Orleans.Concurrency;

namespace Dispatch.Grains.Live;

/// <summary>
/// A web node listening to the live feed. Every node gets every operations event (it serves its own
/// dispatchers) and every engineer push (it forwards them only to the engineers connected to it).
/// Best effort: a node that misses a push still serves the truth from the snapshot. One way, so the board
/// never waits for a node's SignalR sends (a slow or dead node must not slow the others).
/// </summary>
public interface ILiveFeedObserver : IGrainObserver
{
    [OneWay]
    Task OnTickets(IReadOnlyList<TicketMarker> tickets);

    [OneWay]
    Task OnEngineers(IReadOnlyList<EngineerMarker> engineers);

    [OneWay]
    Task OnAlerts(IReadOnlyList<AlertNote> alerts);

    /// <summary>A notification for one person: to their own connections only.</summary>
    [OneWay]
    Task OnNotification(Notifications.PersonNotification notification);

    [OneWay]
    Task OnHeat(IReadOnlyList<HeatCell> cells);

    [OneWay]
    Task OnKpis(Kpis kpis);

    [OneWay]
    Task OnOffer(OfferPush offer);

    /// <summary>Something about this engineer's work changed: their app re-reads its state.</summary>
    [OneWay]
    Task OnWork(string engineerId, string reason);
}
