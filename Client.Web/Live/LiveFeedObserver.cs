using Dispatch.Grains.Live;
using Dispatch.Web.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Dispatch.Web.Live;

/// <summary>
/// This web node's ear on the live feed: what the silos' relays push goes to this node's SignalR connections,
/// operations events to the dispatch center (whole or by the regions a connection watches), an engineer's
/// offers and work changes only to that engineer's connections.
/// </summary>
internal sealed class LiveFeedObserver(IHubContext<DispatchHub> dispatch, IHubContext<EngineerHub> engineers) : ILiveFeedObserver
{
    public Task OnTickets(IReadOnlyList<TicketMarker> tickets) => ByRegion("tickets", tickets, t => t.Region);

    public Task OnEngineers(IReadOnlyList<EngineerMarker> markers) => ByRegion("engineers", markers, e => e.Region);

    public Task OnAlerts(IReadOnlyList<AlertNote> alerts) => ByRegion("alerts", alerts, a => a.Region);

    public Task OnNotification(Grains.Notifications.PersonNotification notification) =>
        Counted("notification", dispatch.Clients.Group(HubGroups.Person(notification.UserName)).SendAsync("notification", notification));

    public Task OnHeat(IReadOnlyList<HeatCell> cells) => Counted("heat", dispatch.Clients.Group(HubGroups.Summary).SendAsync("heat", cells));

    public Task OnKpis(Kpis kpis) => Counted("kpis", dispatch.Clients.Group(HubGroups.Summary).SendAsync("kpis", kpis));

    public Task OnOffer(OfferPush offer) => Counted("offer", engineers.Clients.Group(HubGroups.Engineer(offer.EngineerId)).SendAsync("offer", offer));

    public Task OnWork(string engineerId, string reason) => Counted("work", engineers.Clients.Group(HubGroups.Engineer(engineerId)).SendAsync("work", reason));

    private static Task Counted(string kind, Task send)
    {
        Telemetry.WebMeters.Pushed(kind);
        return send;
    }

    private async Task ByRegion<T>(string method, IReadOnlyList<T> items, Func<T, string?> regionOf)
    {
        Telemetry.WebMeters.Pushed(method);
        await dispatch.Clients.Group(HubGroups.AllRegions).SendAsync(method, items);
        foreach (var group in items.Where(i => regionOf(i) is not null).GroupBy(i => regionOf(i)!))
        {
            await dispatch.Clients.Group(HubGroups.Region(group.Key)).SendAsync(method, group.ToList());
        }
    }
}
