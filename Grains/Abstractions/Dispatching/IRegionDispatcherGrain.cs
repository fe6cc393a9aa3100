using Orleans.Concurrency;

namespace Dispatch.Grains.Dispatching;

/// <summary>
/// A service region's dispatcher (key: region id): a spatial index of its engineers, the queue of tickets
/// waiting for one, and the choice of whom to offer each ticket. It proposes; engineers decide.
/// </summary>
public interface IRegionDispatcherGrain : IGrainWithStringKey
{
    /// <summary>
    /// A ticket wants an engineer; retried by the ticket until it has one, so asking twice is harmless. Answers once
    /// the request is stored in the region's queue (not once an engineer is found: the offer calls the ticket back).
    /// </summary>
    Task RequestDispatch(DispatchRequest request);

    /// <summary>The ticket no longer waits (offered elsewhere, cancelled).</summary>
    [OneWay]
    Task Withdraw(string ticketId);

    /// <summary>How a silo's engineers now stand, and which left the region, gathered by its <c>RosterFeed</c>.</summary>
    [OneWay]
    Task RosterChanged(RosterChanges changes);

    /// <summary>Candidates from this region for a neighbour's ticket (read only, so regions can ask each other).</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<ScoredCandidate>> FindCandidates(DispatchRequest request, int count);

    Task<RegionView> GetView();
}
