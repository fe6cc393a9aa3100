using Dispatch.Grains.Tickets;

namespace Dispatch.Web.CustomerLinks;

/// <summary>The ticket a customer link opens, if it opens one: signed by this server, existing, not expired.</summary>
public sealed class CustomerTickets(StatusLinks links, IClusterClient cluster, [FromKeyedServices(CustomerLinkSetup.ClockKey)] TimeProvider clock)
{
    public async Task<(ITicketGrain Grain, TicketView View)?> FindAsync(string token)
    {
        // A link this server did not sign reaches no grain at all.
        if (links.TicketOf(token) is not { } ticketId)
        {
            return null;
        }
        var grain = cluster.Grain<ITicketGrain>(ticketId);
        var view = await grain.GetView();
        return view is null || links.Expired(view, clock.GetUtcNow()) ? null : (grain, view);
    }
}
