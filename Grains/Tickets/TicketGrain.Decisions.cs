using System.Diagnostics;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Common;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Dispatching;
using Dispatch.Grains.Engineers;

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
        if (!T.Opened)
        {
            return NotFound();
        }
        var now = clock.GetUtcNow();
        var ticket = new Ticket(Service(), deviceTime.Value.Rule, TicketRecords.Read(T));
        var decision = command(ticket, now);
        if (decision.Refusal is { } refusal)
        {
            return refusal.Cause switch
            {
                RefusalCause.NotYours => TicketReply.Refused(RefusalKind.Forbidden, refusal.Why),
                RefusalCause.Incomplete => TicketReply.Refused(RefusalKind.Invalid, refusal.Why, "report"),
                _ => TicketReply.Refused(RefusalKind.Conflict, refusal.Why),
            };
        }
        foreach (var happened in decision.Events)
        {
            ticket.Apply(happened);
            Record(happened);
        }
        TicketRecords.Write(ticket.State, T);
        if (decision.Events.Count > 0)
        {
            applied?.Invoke(now);
        }
        if (T.Status != TicketStatus.Dispatching)
        {
            T.DispatchRequestedAt = null;
        }
        foreach (var effect in decision.Effects)
        {
            _afterCommit.Add(CarryOut(effect, scored));
        }
        await Commit(now);
        return TicketReply.Of(await View(now));
    }

    private Func<Task> CarryOut(TicketEffect effect, ScoredCandidate? scored) => effect switch
    {
        Domain.Tickets.PushOffer offer => () => PushOfferNow(offer.EngineerId, offer.ExpiresAt, scored, null),
        OfferTaken taken => () => Board.OfferAccepted(Id, T.Request!.Location.Lat, T.Request.Location.Lon, taken.AcceptedAt - taken.OfferedAt, taken.AcceptedAt),
        ReleaseEngineer { HeldTheJob: true } release => () => Engineer(release.EngineerId).ReleaseJob(Id, release.Why),
        ReleaseEngineer release => () => Engineer(release.EngineerId).ReleaseOffer(Id, release.Why),
        CompleteJob done => () => Engineer(done.EngineerId).CompleteJob(Id),
        WithdrawFromRegion => () => T.Region is null ? Task.CompletedTask : Region.Withdraw(Id),
        ResolutionCounted resolved => async () =>
        {
            var breached = (await Readings(_settledAt)).Readings.Any(r => r.State == SlaClockState.Breached);
            await Board.TicketResolved(Id, breached, resolved.ResolvedAt);
        },
        SurveyTaken taken => () => Customer.RecordSurvey(new SurveyResponse(Id, TicketRecords.ToSurvey(taken.Survey), taken.At)),
        Domain.Tickets.TellCustomer => () => TellCustomer(_settledAt),
        FollowUpFeedback feedback => () => OpenFeedbackFollowUp(feedback.Survey),
        _ => throw new UnreachableException($"no way to carry out {effect}"),
    };

    private IEngineerGrain Engineer(string engineerId) => GrainFactory.GetGrain<IEngineerGrain>(engineerId);

    private void Record(TicketEvent happened) =>
        T.Timeline.Add(new TimelineEntry(T.Timeline.Count + 1, happened.At, happened.What, happened.From?.ToString(), happened.To?.ToString(),
            happened.By.Name, happened.By.Role, happened.Why, happened.Details));

    private static TicketActor By(Actor actor) => new(actor.Name, actor.Role);
}
