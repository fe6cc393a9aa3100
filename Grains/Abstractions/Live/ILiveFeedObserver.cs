namespace Dispatch.Grains.Live;

/// <summary>
/// A web node listening to the live feed. Every node gets every operations event (it serves its own
/// dispatchers) and every engineer push (it forwards them only to the engineers connected to it).
/// Best effort: a node that misses a push still serves the truth from the snapshot.
/// </summary>
public interface ILiveFeedObserver : IGrainObserver
{
    Task OnTickets(IReadOnlyList<TicketMarker> tickets);

    Task OnEngineers(IReadOnlyList<EngineerMarker> engineers);

    Task OnAlerts(IReadOnlyList<AlertNote> alerts);

    Task OnHeat(IReadOnlyList<HeatCell> cells);

    Task OnKpis(Kpis kpis);

    Task OnOffer(OfferPush offer);

    /// <summary>Something about this engineer's work changed: their app re-reads its state.</summary>
    Task OnWork(string engineerId, string reason);
}
