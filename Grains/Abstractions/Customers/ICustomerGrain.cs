using Dispatch.Grains.Common;

namespace Dispatch.Grains.Customers;

/// <summary>A customer (key: customer id): profile, tier, contract, history, satisfaction and health.</summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>Creates the customer or replaces its profile.</summary>
    Task<CustomerOverview> Register(CustomerProfile profile, Actor by);

    /// <summary>The profile, or null when no such customer was registered.</summary>
    Task<CustomerProfile?> GetProfile();

    /// <summary>The SLA policy id of the contract valid on that date, if any.</summary>
    Task<string?> ContractPolicyOn(DateOnly date);

    Task<CustomerOverview?> GetOverview();

    /// <summary>A ticket of this customer was opened or changed in a way the history shows.</summary>
    Task TrackTicket(CustomerTicket ticket);

    Task RecordSurvey(SurveyResponse response);
}
