using Dispatch.Grains.Customers;

namespace Dispatch.Web.Api.Field;

/// <summary>
/// What the engineer's job card shows of the customer: who, where and whom to call, what they had done recently,
/// and what else is open at the same site. Not the 360° view: no health score, satisfaction or contract.
/// </summary>
public sealed record JobCustomerCard(
    string TicketId,
    string CustomerId,
    string? Name,
    string? Tier,
    string? Phone,
    string? Email,
    JobSite? Site,
    IReadOnlyList<CustomerTicket> RecentTickets,
    IReadOnlyList<CustomerTicket> OpenAtSite);

/// <summary>The customer site the job is at (the nearest registered site within reach), or the job's own point.</summary>
public sealed record JobSite(string? Id, string? Name, string? Address, double Lat, double Lon, double? DistanceMeters);
