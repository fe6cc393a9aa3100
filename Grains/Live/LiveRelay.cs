using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Dispatch.Grains.Live;

/// <summary>
/// The live feed's way out on each silo: a ticket's offer, an engineer's work change and a region board's batches
/// go from here straight to every listening web node, one way, which passes an engineer's push only to that
/// engineer's connections. No board is on that path, and a slow or dead node does not slow the others or the
/// sender. The list of nodes is copied from <see cref="ILiveListenersGrain"/> before the first push and every few
/// seconds after, so a push never waits for it.
/// </summary>
/// <remarks>
/// A service of the silo, not a grain: every offer and work change passes here, and a call to even a local grain is a
/// message with its arguments copied. Its refresh runs on the wall clock (a test's fake clock must not forget nodes).
/// </remarks>
public sealed class LiveRelay(IGrainFactory grains, IOfferPushNotifier pushes, ILogger<LiveRelay> logger)
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);

    // After a read that failed: soon again, but not on every push (a directory whose silo was lost can take the call
    // timeout to answer, and a push must not wait for that).
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();

    // A node is kept until the directory has not listed it for this long, so a directory that lost its silo and is
    // filling again does not cut nodes off in the meantime.
    private Dictionary<ILiveFeedObserver, long> _listeners = [];
    private Task? _firstRead;
    private long _refreshedAt;
    private long _failedAt;
    private bool _refreshing;

    public Task Tickets(IReadOnlyList<TicketMarker> tickets) => Send(o => o.OnTickets(tickets));

    public Task Engineers(IReadOnlyList<EngineerMarker> engineers) => Send(o => o.OnEngineers(engineers));

    public Task Alerts(IReadOnlyList<AlertNote> alerts) => Send(o => o.OnAlerts(alerts));

    /// <summary>A person's inbox changed: only that person's connections hear of it.</summary>
    public Task Notify(Notifications.PersonNotification notification) => Send(o => o.OnNotification(notification));

    public Task Heat(IReadOnlyList<HeatCell> cells) => Send(o => o.OnHeat(cells));

    public Task KpisChanged(Kpis kpis) => Send(o => o.OnKpis(kpis));

    /// <summary>To the open apps through the web nodes, and to the engineer's phones by Web Push for a closed app.</summary>
    public Task OfferMade(OfferPush offer)
    {
        pushes.OfferMade(offer);
        return Send(o => o.OnOffer(offer));
    }

    /// <summary>Something about this engineer's work changed: their app re-reads its state.</summary>
    public Task WorkChanged(string engineerId, string reason) => Send(o => o.OnWork(engineerId, reason));

    private async Task Send(Func<ILiveFeedObserver, Task> push)
    {
        await Listeners();
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
    }

    /// <summary>
    /// The first push waits for the list of nodes; later ones start a refresh when it is due and go on, to the nodes
    /// known (none, while the first read keeps failing).
    /// </summary>
    private Task Listeners()
    {
        lock (_gate)
        {
            if (_firstRead is null)
            {
                // Away from the caller's grain: the read must not hold that grain's turns.
                return _firstRead = Task.Run(Refresh);
            }
            if (!_firstRead.IsCompleted)
            {
                return _firstRead;
            }
            var due = _failedAt > _refreshedAt
                ? Stopwatch.GetElapsedTime(_failedAt) >= RetryAfterFailure
                : Stopwatch.GetElapsedTime(_refreshedAt) >= RefreshEvery;
            if (!_refreshing && due)
            {
                _refreshing = true;
                _ = Task.Run(Refresh);
            }
            return Task.CompletedTask;
        }
    }

    private async Task Refresh()
    {
        try
        {
            var now = Stopwatch.GetTimestamp();
            var listed = await grains.Grain<ILiveListenersGrain>(0).Listeners();
            lock (_gate)
            {
                var next = new Dictionary<ILiveFeedObserver, long>(_listeners);
                foreach (var listener in listed)
                {
                    next[listener] = now;
                }
                foreach (var gone in next.Where(l => Stopwatch.GetElapsedTime(l.Value, now) > LiveListenersGrain.ForgetAfter).Select(l => l.Key).ToList())
                {
                    next.Remove(gone);
                }
                _listeners = next;
                _refreshedAt = now;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            lock (_gate)
            {
                _failedAt = Stopwatch.GetTimestamp();
            }
            logger.LogWarning(ex, "Could not read the live feed's web nodes; pushing to the ones known");
        }
        finally
        {
            lock (_gate)
            {
                _refreshing = false;
            }
        }
    }
}
