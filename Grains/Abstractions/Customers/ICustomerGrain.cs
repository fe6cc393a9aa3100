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

    /// <summary>
    /// A ticket of this customer is opening: the customer keeps it in its history and answers the terms it opens
    /// under (the tier, and the SLA policy of the contract valid on the day it opened). Null when no such customer
    /// was registered, and then nothing is kept. One call at intake instead of asking the terms and being told of
    /// the ticket afterwards; a ticket whose opening was then not stored takes it back (<see cref="WithdrawTicket"/>).
    /// </summary>
    Task<ServiceTerms?> OpenTicket(CustomerTicket ticket);

    /// <summary>
    /// A ticket that asked <see cref="OpenTicket"/> could not store its opening: the customer forgets it, unless it
    /// opened again since (a retried intake opens at another instant, <paramref name="openedAt"/> tells them apart).
    /// </summary>
    [OneWay]
    Task WithdrawTicket(string ticketId, DateTimeOffset openedAt);

    [ReadOnly]
    Task<CustomerOverview?> GetOverview();

    /// <summary>
    /// A ticket of this customer changed in a way the history shows (it closed, reopened or was surveyed). One way: the ticket does not wait for
    /// a busy customer's write (hundreds of open tickets); it stays the truth and sends its summary again with its
    /// next change.
    /// </summary>
    [OneWay]
    Task TrackTicket(CustomerTicket ticket);

    [OneWay]
    Task RecordSurvey(SurveyResponse response);
}
