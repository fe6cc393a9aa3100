using Dispatch.Grains.Webhooks;
using Dispatch.Silo.CustomerMail;
using Dispatch.Silo.Projections;
using Microsoft.Extensions.Logging;

namespace Dispatch.Silo.Webhooks;

/// <summary>
/// The customer notices of a batch's milestone events (<see cref="CustomerNotice"/>), asked of the grains in parallel and
/// before the routing transaction begins: a grain call takes milliseconds when the silo is busy, one after another they
/// took a batch of a thousand events tens of seconds, and an open routing transaction holds back the safe high-water mark
/// of every follower of the log (the read models too).
/// </summary>
internal sealed class MilestoneNotices(CustomerNotices? notices, TimeSpan timeout, ILogger? logger)
{
    /// <summary>
    /// Grain calls in flight at once for one batch: about all of a batch's milestones (a third of a batch of a thousand
    /// under load), so a batch waits about as long as its slowest call, not as a queue of them; they are reads of a view.
    /// </summary>
    private const int Parallelism = 512;

    private int _timedOut;

    /// <summary>Whether an event of this log type may carry a notice at all.</summary>
    public bool Carries(LoggedEvent e) => notices is not null && CustomerMilestones.LogTypes.Contains(e.Type);

    /// <summary>The notices of those <paramref name="events"/> that carry one and whose webhook type someone subscribed to, by event.</summary>
    public async Task<Dictionary<LoggedEvent, CustomerNotice?>> ForAsync(IReadOnlyList<LoggedEvent> events, IReadOnlySet<string> subscribedTypes,
        CancellationToken cancellationToken)
    {
        var wanted = events.Where(e => Carries(e) && WebhookEventTypes.ByLogType.TryGetValue(e.Type, out var type) && subscribedTypes.Contains(type))
            .ToList();
        var found = new CustomerNotice?[wanted.Count];
        Interlocked.Exchange(ref _timedOut, 0);
        await Parallel.ForEachAsync(Enumerable.Range(0, wanted.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, _) => found[i] = await ForAsync(wanted[i], WebhookRouter.TicketOf(wanted[i])));
        if (Interlocked.Exchange(ref _timedOut, 0) is var linkOnly and > 0)
        {
            logger?.LogWarning("{LinkOnly} of {Notices} customer notices of a routed batch carry only the status link: the grains did not answer within {Timeout}",
                linkOnly, wanted.Count, timeout);
        }
        var byEvent = new Dictionary<LoggedEvent, CustomerNotice?>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < wanted.Count; i++)
        {
            byEvent[wanted[i]] = found[i];
        }
        return byEvent;
    }

    /// <summary>
    /// The customer's notice for a milestone event. Only the link when the grains cannot be asked: a gateway can still
    /// send it, and routing never stalls on a grain.
    /// </summary>
    public async Task<CustomerNotice?> ForAsync(LoggedEvent e, string? ticketId)
    {
        if (notices is null || ticketId is null || !CustomerMilestones.LogTypes.Contains(e.Type))
        {
            return null;
        }
        var linkOnly = new CustomerNotice(ticketId, "", "", null, null, notices.LinkFor(ticketId), null, null);
        try
        {
            return await notices.ForAsync(ticketId, e.Type, e.Detail("engineerId")).WaitAsync(timeout) ?? linkOnly;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (ex is TimeoutException)
            {
                Interlocked.Increment(ref _timedOut);
            }
            return linkOnly;
        }
    }
}
