using Dispatch.Domain.Dispatching;
using Dispatch.Domain.Geo;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Engineers;
using Dispatch.Grains.Tickets;
using Dispatch.Web.Api;

namespace Dispatch.Web.CustomerLinks;

/// <summary>Builds the customer's view of a ticket from the dispatcher's view and the engineer's.</summary>
public sealed class CustomerViews(IClusterClient cluster, KnownNames known, [FromKeyedServices(CustomerLinkSetup.ClockKey)] TimeProvider clock)
{
    private static readonly StraightLineTravel Travel = new();

    public async Task<CustomerTicketView> ViewAsync(TicketView ticket)
    {
        var (stage, status, next) = Words(ticket.Status);
        var showsEngineer = ticket.Status is TicketStatus.Accepted or TicketStatus.EnRoute or TicketStatus.OnSite or TicketStatus.Resolved or TicketStatus.Closed;
        var engineer = showsEngineer && ticket.AssignedEngineerId is { } engineerId
            ? await cluster.Grain<IEngineerGrain>(engineerId).GetView()
            : null;
        var travelling = ticket.Status is TicketStatus.Accepted or TicketStatus.EnRoute;
        var position = travelling && engineer?.Position is { Flagged: false } p ? p.Point : (Position?)null;
        var eta = position is null ? (DateTimeOffset?)null : clock.GetUtcNow() + await TravelTimeAsync(position.Value, ticket.Location);
        var lastReopen = ticket.Timeline.LastOrDefault(e => e.What == "ticket.reopened")?.Sequence ?? 0;
        var confirmed = ticket.Timeline.Any(e => e.What == "ticket.completion-confirmed" && e.Sequence > lastReopen);
        var finished = ticket.Status is TicketStatus.Resolved or TicketStatus.Closed && ticket.Timeline.Any(e => e.What == "ticket.resolved" && e.Sequence > lastReopen);
        return new CustomerTicketView(
            ticket.Id,
            ticket.Title,
            stage,
            status,
            confirmed && ticket.Survey is null ? "Thank you for confirming. Tell us how it went: it takes a minute." : next,
            engineer is null ? null : EngineerNames.FirstName(engineer.Profile.Name),
            eta,
            ticket.Location,
            ticket.Status == TicketStatus.EnRoute ? position : null,
            CanConfirm: finished && !confirmed,
            CanSayNotDone: finished,
            CanTakeSurvey: finished && ticket.Survey is null,
            Confirmed: confirmed,
            Surveyed: ticket.Survey is not null,
            UpdatedAt: ticket.Timeline.Count > 0 ? ticket.Timeline[^1].At : ticket.CreatedAt);
    }

    private async Task<TimeSpan> TravelTimeAsync(Position a, Position b)
    {
        var region = (await known.CurrentAsync()).Regions.Locate(b);
        return region is null
            ? TimeSpan.FromSeconds(GreatCircle.DistanceMeters(a, b) / (RegionMap.DefaultSpeedKmh / 3.6))
            : Travel.Estimate(a, b, region);
    }

    private static (string Stage, string Status, string Next) Words(TicketStatus status) => status switch
    {
        TicketStatus.New or TicketStatus.Triaged => ("received", "We have your request.", "We are looking at it and will find an engineer for it."),
        TicketStatus.Dispatching or TicketStatus.Offered => ("finding-engineer", "We are finding an engineer for you.", "An engineer near you will be assigned shortly."),
        TicketStatus.Accepted => ("engineer-assigned", "An engineer has taken your job.", "The engineer will set off to you; you can follow them here."),
        TicketStatus.EnRoute => ("on-the-way", "Your engineer is on the way.", "The engineer will arrive around the time shown."),
        TicketStatus.OnSite => ("on-site", "Your engineer is with you.", "When the work is done, you will be asked to confirm it here."),
        TicketStatus.Waiting => ("on-hold", "Your job is on hold for a moment (for example, waiting for a part).", "We will carry on as soon as we can and update this page."),
        TicketStatus.Resolved => ("done", "The engineer has finished the job.", "Please confirm the job is done, or tell us it is not."),
        TicketStatus.Closed => ("closed", "This job is finished.", "Thank you. If something is still wrong, tell us here."),
        TicketStatus.Cancelled => ("cancelled", "This request was cancelled.", "Nothing more will happen with it. Contact us if that is a mistake."),
        _ => ("received", "We have your request.", "We will update this page as it moves on."),
    };
}
