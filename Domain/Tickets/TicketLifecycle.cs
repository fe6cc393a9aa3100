namespace Dispatch.Domain.Tickets;

/// <summary>
/// The ticket state machine. A transition that is not listed here does not exist: asking for it is
/// refused and changes nothing. Stages a service type does not have are skipped (a consultation goes from
/// triage straight to resolved; a remote fix from accepted to resolved).
/// </summary>
public static class TicketLifecycle
{
    private static readonly HashSet<TicketStatus> Waitable =
        [TicketStatus.New, TicketStatus.Triaged, TicketStatus.Dispatching, TicketStatus.Accepted, TicketStatus.EnRoute, TicketStatus.OnSite];

    private static readonly HashSet<TicketStatus> Cancellable =
        [TicketStatus.New, TicketStatus.Triaged, TicketStatus.Dispatching, TicketStatus.Offered, TicketStatus.Accepted, TicketStatus.EnRoute, TicketStatus.OnSite, TicketStatus.Waiting];

    /// <summary>The status after <paramref name="action"/>, from <paramref name="from"/>, for this service type.</summary>
    /// <param name="statusBeforeWait">Where a waiting ticket returns to on Resume.</param>
    public static LifecycleStep Next(TicketStatus from, TicketAction action, ServiceType service, TicketStatus? statusBeforeWait = null)
    {
        var dispatches = service.Has(ServiceStage.Dispatch);
        var goesOnSite = service.Has(ServiceStage.OnSite);
        TicketStatus? to = (from, action) switch
        {
            (TicketStatus.New, TicketAction.Triage) => TicketStatus.Triaged,
            (TicketStatus.New or TicketStatus.Triaged, TicketAction.StartDispatch) when dispatches => TicketStatus.Dispatching,
            (TicketStatus.Dispatching, TicketAction.Offer) => TicketStatus.Offered,
            (TicketStatus.Offered, TicketAction.AcceptOffer) => TicketStatus.Accepted,
            (TicketStatus.Offered, TicketAction.LapseOffer) => TicketStatus.Dispatching,
            (TicketStatus.Accepted or TicketStatus.EnRoute, TicketAction.Release) => TicketStatus.Dispatching,
            (TicketStatus.Accepted, TicketAction.StartTravel) when goesOnSite => TicketStatus.EnRoute,
            (TicketStatus.Accepted or TicketStatus.EnRoute, TicketAction.Arrive) when goesOnSite => TicketStatus.OnSite,
            (TicketStatus.OnSite, TicketAction.Resolve) => TicketStatus.Resolved,
            (TicketStatus.Accepted, TicketAction.Resolve) when !goesOnSite => TicketStatus.Resolved,
            (TicketStatus.New or TicketStatus.Triaged, TicketAction.Resolve) when !dispatches => TicketStatus.Resolved,
            (TicketStatus.Resolved, TicketAction.Close) => TicketStatus.Closed,
            (TicketStatus.Resolved or TicketStatus.Closed, TicketAction.Reopen) => TicketStatus.Triaged,
            (_, TicketAction.Wait) when Waitable.Contains(from) => TicketStatus.Waiting,
            (TicketStatus.Waiting, TicketAction.Resume) => statusBeforeWait ?? TicketStatus.Triaged,
            (_, TicketAction.Cancel) when Cancellable.Contains(from) => TicketStatus.Cancelled,
            _ => null,
        };
        return to is { } status
            ? LifecycleStep.Go(status)
            : LifecycleStep.Refuse($"a {service.Id} ticket that is {Describe(from)} cannot {Describe(action)}");
    }

    /// <summary>Where every ticket starts: intake has recorded it and nothing else has happened.</summary>
    public const TicketStatus Initial = TicketStatus.New;

    /// <summary>
    /// The moves that give a ticket a fresh offer to an engineer a dispatcher chose (the current offer lapses,
    /// an accepted job is released, an undispatched ticket starts dispatch), each of them a transition of this
    /// table; refused when the ticket cannot reach an offer from where it is.
    /// </summary>
    public static Reassignment Reassign(TicketStatus from, ServiceType service)
    {
        TicketAction[] path = from switch
        {
            TicketStatus.Offered => [TicketAction.LapseOffer, TicketAction.Offer],
            TicketStatus.Accepted or TicketStatus.EnRoute => [TicketAction.Release, TicketAction.Offer],
            TicketStatus.New or TicketStatus.Triaged => [TicketAction.StartDispatch, TicketAction.Offer],
            TicketStatus.Dispatching => [TicketAction.Offer],
            _ => [],
        };
        var status = from;
        foreach (var action in path)
        {
            var step = Next(status, action, service);
            if (!step.Allowed)
            {
                path = [];
                break;
            }
            status = step.To!.Value;
        }
        return path.Length > 0
            ? new Reassignment(path, null)
            : new Reassignment([], $"a {service.Id} ticket that is {Describe(from)} cannot be assigned");
    }

    public static bool IsOpen(TicketStatus status) => status is not (TicketStatus.Resolved or TicketStatus.Closed or TicketStatus.Cancelled);

    /// <summary>Open and not yet offered to an engineer: the tickets a dispatcher still has to place.</summary>
    public static bool AwaitsEngineer(TicketStatus status) => status is TicketStatus.New or TicketStatus.Triaged or TicketStatus.Dispatching;

    internal static string Describe(TicketStatus status) => status switch
    {
        TicketStatus.EnRoute => "en route",
        TicketStatus.OnSite => "on site",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string Describe(TicketAction action) => action switch
    {
        TicketAction.StartDispatch => "be dispatched",
        TicketAction.Offer => "be offered",
        TicketAction.AcceptOffer => "be accepted",
        TicketAction.LapseOffer => "have its offer lapse",
        TicketAction.Release => "be released",
        TicketAction.StartTravel => "go en route",
        TicketAction.Arrive => "be reported on site",
        TicketAction.Triage => "be triaged",
        TicketAction.Resolve => "be resolved",
        TicketAction.Close => "be closed",
        TicketAction.Wait => "wait",
        TicketAction.Resume => "resume",
        TicketAction.Cancel => "be cancelled",
        TicketAction.Reopen => "be reopened",
        _ => action.ToString(),
    };
}
