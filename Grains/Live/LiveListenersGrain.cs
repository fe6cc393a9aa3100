using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Dispatch.Grains.Live;

/// <summary>
/// The web nodes listening to the live feed. A node that stops renewing (it died) is forgotten after a
/// minute. Nothing is stored: after the loss of its silo the nodes' next renewal, every few seconds, fills
/// it again, and the relays keep the nodes they knew meanwhile.
/// </summary>
public sealed class LiveListenersGrain(ILogger<LiveListenersGrain> logger) : Grain, ILiveListenersGrain
{
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(1);

    private readonly ObserverManager<ILiveFeedObserver> _listeners = new(ForgetAfter, logger);

    public Task Subscribe(ILiveFeedObserver observer)
    {
        _listeners.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(ILiveFeedObserver observer)
    {
        _listeners.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ILiveFeedObserver>> Listeners()
    {
        _listeners.ClearExpired();
        return Task.FromResult<IReadOnlyList<ILiveFeedObserver>>([.. _listeners.Observers.Values]);
    }
}
