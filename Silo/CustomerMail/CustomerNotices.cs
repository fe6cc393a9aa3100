using Dispatch.Domain.Dispatching;
using Dispatch.Domain.Geo;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Dispatching;
using Dispatch.Grains.Engineers;
using Dispatch.Grains.Tickets;
using Microsoft.Extensions.Configuration;

namespace Dispatch.Silo.CustomerMail;

/// <summary>
/// Builds the <see cref="CustomerNotice"/> of a ticket's milestone from the grains: the ticket (title, customer,
/// site), the customer (contact e-mail) and the engineer (first name, where they are, their offer's estimate).
/// </summary>
public sealed class CustomerNotices(IGrainFactory grains, RegionCatalog regions, ITravelTimeEstimator travel, TimeProvider clock, IConfiguration configuration)
{
    private readonly byte[]? _linkKey = StatusLinkSignature.KeyFrom(configuration[StatusLinkSignature.KeySetting], StatusLinkSignature.KeySetting)
        ?? StatusLinkSignature.Derived(configuration[StatusLinkSignature.SigningKeySetting]);

    private readonly string _publicBaseUrl = configuration[StatusLinkSignature.PublicBaseUrlSetting] ?? "";

    /// <summary>The ticket's status link, the same the web nodes sign (null when no key is configured).</summary>
    public string? LinkFor(string ticketId) => _linkKey is null ? null : StatusLinkSignature.Link(_publicBaseUrl, _linkKey, ticketId);

    /// <summary>The notice for the event <paramref name="logType"/> of a ticket, or null when the ticket is unknown.</summary>
    public async Task<CustomerNotice?> ForAsync(string ticketId, string logType, string? engineerId)
    {
        var ticket = await grains.Grain<ITicketGrain>(ticketId).GetView();
        if (ticket is null)
        {
            return null;
        }
        var profile = await grains.Grain<ICustomerGrain>(ticket.CustomerId).GetProfile();
        engineerId ??= ticket.AssignedEngineerId;
        var engineer = engineerId is null ? null : await grains.Grain<IEngineerGrain>(engineerId).GetView();
        var eta = engineer is not null && CustomerMilestones.HasEta(logType) ? Eta(engineer, ticket) : null;
        return new CustomerNotice(ticket.Id, ticket.Title, ticket.CustomerId, profile?.Name, string.IsNullOrWhiteSpace(profile?.Email) ? null : profile.Email,
            LinkFor(ticket.Id), engineer is null ? null : EngineerNames.FirstName(engineer.Profile.Name), eta);
    }

    /// <summary>From the engineer's last trusted position when there is one, else the estimate the offer was made with.</summary>
    private DateTimeOffset? Eta(EngineerView engineer, TicketView ticket)
    {
        if (engineer.Position is { Flagged: false } position)
        {
            var (from, to) = (position.Point, ticket.Location);
            var region = regions.Locate(ticket.Location);
            var duration = region is null
                ? TimeSpan.FromSeconds(GreatCircle.DistanceMeters(from, to) / (RegionMap.DefaultSpeedKmh / 3.6))
                : travel.Estimate(from, to, region);
            return clock.GetUtcNow() + duration;
        }
        return engineer.Offer is { } offer && offer.TicketId == ticket.Id && offer.Eta > TimeSpan.Zero ? offer.OfferedAt + offer.Eta : null;
    }
}
