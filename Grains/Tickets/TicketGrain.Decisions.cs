using System.Diagnostics;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Common;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Dispatching;
using Dispatch.Grains.Engineers;
using Dispatch.Grains.Live;
using Dispatch.Grains.Notifications;

namespace Dispatch.Grains.Tickets;

/// <summary>
/// Commands the <see cref="Ticket"/> aggregate decides: the grain loads it from the stored state, asks it, applies
/// and stores its events with the state in one write, and carries out its effects once that write is done.
/// </summary>
public sealed partial class TicketGrain
{
    /// <param name="scored">How the offered engineer was chosen, for the offer pushed to their phone.</param>
    /// <param name="applied">What the grain does beside the state once events were applied, before the write.</param>
    private async Task<TicketReply> Decide(Func<Ticket, DateTimeOffset, Decision> command, ScoredCandidate? scored = null, Action<DateTimeOffset>? applied = null)
    {
        var (refused, now) = await Change(command, scored, applied);
        return refused ?? TicketReply.Of(await View(now));
    }

    /// <summary>
    /// <see cref="Decide"/> without the view of the ticket afterwards, for callers that act only on a refusal: the
    /// refusal (null when the command was taken) and the instant it was decided at.
    /// </summary>
    private async Task<(TicketReply? Refused, DateTimeOffset At)> Change(Func<Ticket, DateTimeOffset, Decision> command, ScoredCandidate? scored = null, Action<DateTimeOffset>? applied = null)
    {
        if (!T.Opened)
        {
            return (NotFound(), default);
        }
        var now = clock.GetUtcNow();
        var ticket = Aggregate();
        var decision = command(ticket, now);
        if (decision.Refusal is { } refusal)
        {
            return (Refused(refusal), now);
        }
        Take(ticket, decision, scored);
        if (decision.Events.Count > 0)
        {
            applied?.Invoke(now);
        }
        await Commit(now);
        return (null, now);
    }

    /// <summary>The aggregate, on the stored state as it is now.</summary>
    private Ticket Aggregate() => new(Service(), deviceTime.Value.Rule, TicketRecords.Read(Id, T));

    /// <summary>
    /// A decision's events applied to the state (each one a timeline entry, stored by the next write) and its effects
    /// queued for after that write.
    /// </summary>
    /// <param name="byHand">The distance and travel time of a dispatcher's choice, for the offer pushed to the phone.</param>
    private void Take(Ticket ticket, Decision decision, ScoredCandidate? scored = null, (double Meters, TimeSpan Eta)? byHand = null)
    {
        foreach (var happened in decision.Events)
        {
            ticket.Apply(happened);
            Record(happened);
        }
        TicketRecords.Write(ticket.State, T);
        if (T.Status != TicketStatus.Dispatching)
        {
            T.DispatchRequestedAt = null;
        }
        foreach (var effect in decision.Effects)
        {
            _afterCommit.Add(CarryOut(effect, scored, byHand));
        }
    }

    private static TicketReply Refused(Refusal refusal) => refusal.Cause switch
    {
        RefusalCause.NotYours => TicketReply.Refused(RefusalKind.Forbidden, refusal.Why),
        RefusalCause.Incomplete => TicketReply.Refused(RefusalKind.Invalid, refusal.Why, "report"),
        RefusalCause.NotYet => TicketReply.Refused(RefusalKind.NotYet, refusal.Why),
        _ => TicketReply.Refused(RefusalKind.Conflict, refusal.Why),
    };

    private Func<Task> CarryOut(TicketEffect effect, ScoredCandidate? scored, (double Meters, TimeSpan Eta)? byHand) => effect switch
    {
        PushOffer offer => () => PushOfferNow(offer.EngineerId, offer.ExpiresAt, scored, byHand),
        OfferTaken taken => () =>
        {
            boardFeed.OfferAccepted(T.Region, new AcceptedOffer(Id, T.Request!.Location.Lat, T.Request.Location.Lon, taken.AcceptedAt - taken.OfferedAt, taken.AcceptedAt));
            return Task.CompletedTask;
        },
        ReleaseEngineer { HeldTheJob: true } release => () => Engineer(release.EngineerId).ReleaseJob(Id, release.Why),
        ReleaseEngineer release => () => Engineer(release.EngineerId).ReleaseOffer(Id, release.Why),
        CompleteJob done => () => Engineer(done.EngineerId).CompleteJob(Id),
        WithdrawFromRegion => () => T.Region is null ? Task.CompletedTask : Region.Withdraw(Id),
        ResolutionCounted resolved => async () =>
        {
            var breached = (await Readings(_settledAt)).Readings.Any(r => r.State == SlaClockState.Breached);
            boardFeed.TicketResolved(T.Region, new TicketResolution(Id, breached, resolved.ResolvedAt));
        },
        SurveyTaken taken => () => Customer.RecordSurvey(new SurveyResponse(Id, TicketRecords.ToSurvey(taken.Survey), taken.At)),
        Domain.Tickets.TellCustomer => () => TellCustomer(_settledAt),
        FollowUpFeedback feedback => () => OpenFeedbackFollowUp(feedback.Survey),
        RaiseAlert alert => () => RaiseAlertNow(alert),
        _ => throw new UnreachableException($"no way to carry out {effect}"),
    };

    /// <summary>The board shows the alert; when its level or those above tell anyone, its chain tells the people on duty.</summary>
    private async Task RaiseAlertNow(RaiseAlert alert)
    {
        var shownRoles = alert.Roles.Count == 0 ? null : string.Join(", ", alert.Roles);
        await Board.Raise(new AlertNote(alert.AlertId, Id, T.Request!.CustomerId, alert.Kind, alert.Level, alert.Metric, shownRoles, alert.Message, alert.At, T.Region));
        if (alert.Roles.Count > 0 || alert.Above.Count > 0)
        {
            var above = alert.Above.Select(l => new AlertLevel(l.Level, l.Roles, l.AcknowledgeWithin?.ToTimeSpan())).ToList();
            await GrainFactory.Grain<IAlertGrain>(alert.AlertId).Raise(new AlertRaise(alert.AlertId, Id, T.Request.CustomerId, T.Region, alert.Kind,
                alert.Level, [.. alert.Roles], above, alert.Message, alert.At, alert.AcknowledgeWithin?.ToTimeSpan()));
        }
    }

    private IEngineerGrain Engineer(string engineerId) => GrainFactory.Grain<IEngineerGrain>(engineerId);

    private void Record(TicketEvent happened) =>
        T.Timeline.Add(new TimelineEntry(T.Timeline.Count + 1, happened.At, happened.What, happened.From?.ToString(), happened.To?.ToString(),
            happened.By.Name, happened.By.Role, happened.Why, happened.Details));

    private static TicketActor By(Actor actor) => new(actor.Name, actor.Role);
}
