namespace Dispatch.Grains.Live;

/// <summary>
/// The web nodes listening to the live feed (key: 0). Nodes renew every few seconds; relays on every silo
/// copy the list every few seconds, so no push waits on this grain.
/// </summary>
public interface ILiveListenersGrain : IGrainWithIntegerKey
{
    Task Subscribe(ILiveFeedObserver observer);

    Task Unsubscribe(ILiveFeedObserver observer);

    Task<IReadOnlyList<ILiveFeedObserver>> Listeners();
}
