using Dispatch.Grains.Common;
using Orleans.Concurrency;

namespace Dispatch.Grains.Customers;

/// <summary>A customer (key: customer id): profile, tier, contract, history, satisfaction and health.</summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>Creates the customer or replaces its profile.</summary>
    Task<CustomerOverview> Register(CustomerProfile profile, Actor by);

    /// <summary>The profile, or null when no such customer was registered.</summary>
    [ReadOnly]
    Task<CustomerProfile?> GetProfile();

    /// <summary>The customer's tier and the SLA policy of the contract valid on that date; null when no such customer was registered.</summary>
    [ReadOnly]
    Task<ServiceTerms?> TermsOn(DateOnly date);

    [ReadOnly]
    Task<CustomerOverview?> GetOverview();

    /// <summary>
    /// A ticket of this customer was opened or changed in a way the history shows. One way: a busy customer
    /// (hundreds of open tickets) must never slow its tickets' intake; the ticket stays the truth and sends
    /// its summary again with its next change.
    /// </summary>
    [OneWay]
    Task TrackTicket(CustomerTicket ticket);

    [OneWay]
    Task RecordSurvey(SurveyResponse response);
}
