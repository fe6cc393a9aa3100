using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Dispatch.Grains.Live;

/// <summary>
/// Sends the live feed from this silo to every listening web node, one way: a slow or dead node does not
/// slow the others or the sender. The list of nodes is copied from <see cref="ILiveListenersGrain"/> when
/// the relay activates and every few seconds after, so a push never waits for it.
/// </summary>
[StatelessWorker(1), Reentrant]
public sealed class LiveRelayGrain(TimeProvider clock, IOfferPushNotifier pushes, ILogger<LiveRelayGrain> logger) : Grain, ILiveRelayGrain
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);

    // A node is kept until the directory has not listed it for this long, so a directory that lost its silo
    // and is filling again does not cut nodes off in the meantime.
    private readonly Dictionary<ILiveFeedObserver, DateTimeOffset> _listeners = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(Refresh, new GrainTimerCreationOptions { DueTime = RefreshEvery, Period = RefreshEvery, Interleave = true, KeepAlive = false });
        await Refresh(cancellationToken);
    }

    public Task Tickets(IReadOnlyList<TicketMarker> tickets) => Send(o => o.OnTickets(tickets));

    public Task Engineers(IReadOnlyList<EngineerMarker> engineers) => Send(o => o.OnEngineers(engineers));

    public Task Alerts(IReadOnlyList<AlertNote> alerts) => Send(o => o.OnAlerts(alerts));

    public Task Notify(Notifications.PersonNotification notification) => Send(o => o.OnNotification(notification));

    public Task Heat(IReadOnlyList<HeatCell> cells) => Send(o => o.OnHeat(cells));

    public Task KpisChanged(Kpis kpis) => Send(o => o.OnKpis(kpis));

    /// <summary>To the open apps through the web nodes, and to the engineer's phones by Web Push for a closed app.</summary>
    public Task OfferMade(OfferPush offer)
    {
        pushes.OfferMade(offer);
        return Send(o => o.OnOffer(offer));
    }

    public Task WorkChanged(string engineerId, string reason) => Send(o => o.OnWork(engineerId, reason));

    private Task Send(Func<ILiveFeedObserver, Task> push)
    {
        foreach (var listener in _listeners.Keys)
        {
            try
            {
                // One-way calls: this only queues the message.
                _ = push(listener);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug(ex, "A live push to a web node failed; it reads the snapshot when it reconnects");
            }
        }
        return Task.CompletedTask;
    }

    private async Task Refresh(CancellationToken cancellationToken)
    {
        try
        {
            var now = clock.GetUtcNow();
            foreach (var listener in await GrainFactory.GetGrain<ILiveListenersGrain>(0).Listeners())
            {
                _listeners[listener] = now;
            }
            foreach (var gone in _listeners.Where(l => now - l.Value > LiveListenersGrain.ForgetAfter).Select(l => l.Key).ToList())
            {
                _listeners.Remove(gone);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not read the live feed's web nodes; pushing to the ones known");
        }
    }
}
