using System.Text.Json;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Common;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Dispatching;
using Dispatch.Grains.Events;
using Dispatch.Grains.Live;
using Dispatch.Grains.Sla;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Dispatch.Grains.Tickets;

/// <summary>
/// Keeping deadlines. The domain computes every checkpoint (warnings, breach, escalation levels, rules,
/// the automatic close) from the policy and the timeline, and the <see cref="Ticket"/> aggregate decides what
/// firing one means; the grain fires each one once, in order, at its instant. A grain timer fires it while the ticket is active; a durable reminder, set to the same instant,
/// brings the ticket back after it was deactivated or its silo was lost, and then overdue checkpoints fire
/// at once. A checkpoint counts as fired when the state recording it is stored, so a crash before that
/// fires it again after recovery, and never twice after.
/// </summary>
public sealed partial class TicketGrain
{
    /// <summary>The name of every ticket's one reminder; the overdue sweep looks for it in the reminder table.</summary>
    public const string WakeReminder = "sla";

    // Reminders cannot be one-shot. The period matters only when a wake-up is missed: a silo that takes
    // over a lost silo's reminders skips their missed ticks and fires at the next period boundary, so the
    // shortest period Orleans allows bounds how late an overdue checkpoint can be after a silo loss.
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private IGrainTimer? _timer;
    private IGrainTimer? _reask;
    private bool _reminderWritten;
    private bool _reminderInDoubt;
    private DateTimeOffset? _timerDueAt;
    private IRegionBoardGrain? _board;
    private IRegionDispatcherGrain? _region;
    private ICustomerGrain? _customer;

    // Calls to other grains that a commit causes; made after the state recording them is stored.
    private readonly List<Func<Task>> _afterCommit = [];

    // The instant of the latest commit: follow-ups describe the ticket as it was then.
    private DateTimeOffset _settledAt;

    public Task ReceiveReminder(string reminderName, TickStatus status) => Settle(stateChanged: false);

    /// <summary>The overdue sweep's nudge: activation (or this call) fires what is due, once.</summary>
    public Task CatchUp()
    {
        if (!T.Opened)
        {
            return Task.CompletedTask;
        }
        // The sweep saw this ticket's reminder overdue. Unless this activation has written the reminder since, its
        // row may disagree with the state (a registration whose state write then failed): write it again, or the
        // sweep would find the same row on every look.
        _reminderInDoubt = !_reminderWritten;
        return Settle(stateChanged: false);
    }

    /// <summary>After a command: fire what is due, store, log, and set the timer and reminder for the next checkpoint.</summary>
    private Task Commit(DateTimeOffset now) => Settle(stateChanged: true, now);

    private async Task Settle(bool stateChanged, DateTimeOffset? at = null)
    {
        var now = _settledAt = at ?? clock.GetUtcNow();
        var book = await slaBook.CurrentAsync();
        stateChanged |= FireDue(book, now);
        if (T.Status == TicketStatus.Dispatching && T.DispatchRequestedAt is null)
        {
            T.DispatchRequestedAt = now;
            stateChanged = true;
            var request = DispatchRequestFor(book, now);
            _afterCommit.Add(() =>
            {
                AskRegion(request, attempt: 0);
                return Task.CompletedTask;
            });
        }
        var next = NextDue(book, now);
        stateChanged |= await KeepReminder(next, now);
        // Timeline entries an earlier release stored before their separate append go in with this write.
        stateChanged |= T.Timeline.Count > 0 && T.Timeline[^1].Sequence > T.JournaledThrough;
        if (stateChanged)
        {
            await state.WriteWithEventsAsync(TakeUnwrittenEvents());
            var marker = Marker(book, now);
            _afterCommit.Add(() =>
            {
                boardFeed.TicketChanged(marker);
                return Task.CompletedTask;
            });
        }
        ArmTimer(next, now);
        await RunAfterCommit();
    }

    private async Task RunAfterCommit()
    {
        var actions = _afterCommit.ToList();
        _afterCommit.Clear();
        foreach (var action in actions)
        {
            try
            {
                await action();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Notifications to engineers and regions are repeated by the retry schedule; the ticket stays the truth.
                logger.LogWarning(ex, "Ticket {TicketId}: a follow-up call failed", Id);
            }
        }
    }

    /// <summary>
    /// The region acknowledges a request once it is stored in its queue, or once this ticket stored the offer it
    /// made at once. One it did not acknowledge (its silo was lost and is not yet declared dead) is asked again after a
    /// few seconds, doubling, rather than at the retry interval: only what it acknowledged comes back with the region.
    /// </summary>
    /// <remarks>
    /// Not awaited in the ticket's turn: the region offers the ticket by calling it back, and a ticket holding its
    /// turn until the region answers made every call to it (the offer, views, the overdue sweep) wait for the
    /// region's store, and under load for the 30-second call timeout. The answer only decides whether to ask again.
    /// </remarks>
    private void AskRegion(DispatchRequest request, int attempt) => _ = AskRegionAsync(request, attempt);

    private async Task AskRegionAsync(DispatchRequest request, int attempt)
    {
        try
        {
            await Region.RequestDispatch(request);
        }
        catch (Exception ex)
        {
            if (T.Status != TicketStatus.Dispatching || T.DispatchRequestedAt != request.RequestedAt)
            {
                return; // offered, cancelled, or asking again on its own schedule meanwhile
            }
            var delay = TimeSpan.FromSeconds(Math.Min(16, 1 << Math.Min(attempt, 4)));
            logger.LogWarning(ex, "Ticket {TicketId}: region {Region} did not take the dispatch request; asking again in {Delay}", Id, T.Region, delay);
            _reask?.Dispose();
            _reask = this.RegisterGrainTimer(_ => AskAgain(request.RequestedAt, attempt + 1),
                new GrainTimerCreationOptions { DueTime = delay, Period = Timeout.InfiniteTimeSpan, Interleave = false, KeepAlive = true });
        }
    }

    private async Task AskAgain(DateTimeOffset requestedAt, int attempt)
    {
        _reask?.Dispose();
        _reask = null;
        if (T.Status != TicketStatus.Dispatching || T.DispatchRequestedAt != requestedAt)
        {
            return; // offered, cancelled, or already asking again on its own schedule
        }
        var now = clock.GetUtcNow();
        AskRegion(DispatchRequestFor(await slaBook.CurrentAsync(), now) with { RequestedAt = requestedAt }, attempt);
    }

    private DispatchRequest DispatchRequestFor(SlaBook book, DateTimeOffset now)
    {
        var response = ClocksAt(book, now).Readings
            .FirstOrDefault(r => r.Metric == SlaMetric.Response && r.State is SlaClockState.Running or SlaClockState.Warning or SlaClockState.Breached);
        return new DispatchRequest(Id, T.Request!.Location, T.Request.RequiredSkills, T.Priority,
            response?.Remaining.ToTimeSpan(), T.SearchWidening, [.. T.Excluded], now);
    }

    private bool FireDue(SlaBook book, DateTimeOffset now)
    {
        var fired = false;
        // Each firing can change the schedule (a raised priority may bring a stricter policy), so the due
        // set is computed again after each; the bound only guards against a book that keeps escalating.
        for (var round = 0; round < 100; round++)
        {
            var due = FirstUnfired(book, now);
            if (due is null || due.DueAt > now)
            {
                break;
            }
            Fire(due, book, now);
            if (due.Kind != CheckpointKind.DispatchRetry)
            {
                T.Fired.Add(due.Id);
            }
            fired = true;
        }
        return fired;
    }

    private DateTimeOffset? NextDue(SlaBook book, DateTimeOffset now) => FirstUnfired(book, now)?.DueAt;

    /// <summary>
    /// The earliest checkpoint not fired yet: the policy's and the rules' (laid out once per state and instant, in
    /// order), or one the status sets (the automatic close, the offer's expiry, the dispatch retry), which come
    /// after a deadline due at the same instant. Asked several times a command, so it builds no list.
    /// </summary>
    private Checkpoint? FirstUnfired(SlaBook book, DateTimeOffset now)
    {
        var clocks = ClocksAt(book, now);
        Checkpoint? first = null;
        foreach (var deadline in clocks.Deadlines ??= Deadlines(clocks))
        {
            if (!T.Fired.Contains(deadline.Id))
            {
                first = deadline;
                break;
            }
        }
        if (T.Status == TicketStatus.Resolved && T.ResolvedAt is { } resolvedAt && Service().Has(ServiceStage.FollowUp))
        {
            first = Earlier(first, new Checkpoint($"close:auto@{resolvedAt.UtcTicks}", resolvedAt + options.Value.SurveyWindow, CheckpointKind.AutoClose));
        }
        if (T.Status == TicketStatus.Offered && T.OfferExpiresAt is { } expiresAt)
        {
            first = Earlier(first, new Checkpoint($"offer:expire@{expiresAt.UtcTicks}", expiresAt, CheckpointKind.OfferExpiry));
        }
        if (T.Status == TicketStatus.Dispatching && T.DispatchRequestedAt is { } requestedAt)
        {
            first = Earlier(first, new Checkpoint("dispatch:retry", requestedAt + dispatchOptions.Value.RetryInterval, CheckpointKind.DispatchRetry));
        }
        return first;
    }

    private Checkpoint? Earlier(Checkpoint? first, Checkpoint candidate) =>
        (first is null || candidate.DueAt < first.DueAt) && !T.Fired.Contains(candidate.Id) ? candidate : first;

    /// <summary>The policy's steps and the book's rules as instants: the costly part, kept with the clocks.</summary>
    private List<Checkpoint> Deadlines(TicketClocks clocks)
    {
        var (book, timeline) = (clocks.Book, clocks.Events);
        var deadlines = new List<Checkpoint>();
        deadlines.AddRange(clocks.Clocks.Checkpoints()
            .Select(c => new Checkpoint(c.Id, c.DueAt.ToDateTimeOffset(), CheckpointKind.Sla, c, null)));
        deadlines.AddRange(RuleSchedule.Checkpoints(book.Rules, Facts(), timeline)
            .Select(c => new Checkpoint(c.Id, c.DueAt.ToDateTimeOffset(), CheckpointKind.Rule, null, c)));
        // In due order, the policy's before the rules' at the same instant (a stable sort), once per state and instant.
        return [.. deadlines.OrderBy(c => c.DueAt)];
    }

    private void Fire(Checkpoint checkpoint, SlaBook book, DateTimeOffset now)
    {
        Telemetry.DispatchMeters.CheckpointFired(checkpoint.DueAt, now, checkpoint.Kind.ToString());
        if (checkpoint.Kind == CheckpointKind.DispatchRetry)
        {
            T.DispatchRequestedAt = null; // Settle asks the region again
            return;
        }
        var ticket = Aggregate();
        var decision = checkpoint switch
        {
            { Sla: { } sla } => ticket.ReachSlaStep(sla, Policy(book).Ladder.LevelsAbove(sla.Metric, sla.Step.Level), now),
            { Rule: { } rule } => ticket.FireRule(rule, Policy(book).Ladder.LevelsAbove(rule.Rule.Level), now),
            { Kind: CheckpointKind.OfferExpiry } => ticket.ExpireOffer(now),
            _ => ticket.Close(TicketActor.System, $"no survey within {options.Value.SurveyWindow}", now),
        };
        // An offer answered or a ticket reopened in the meantime: the checkpoint finds nothing left to do.
        if (!decision.Refused)
        {
            Take(ticket, decision);
            RematchIfRaised(decision, book, now);
        }
    }

    /// <summary>A raised priority may bring another policy of the book.</summary>
    private void RematchIfRaised(Decision decision, SlaBook book, DateTimeOffset now)
    {
        if (decision.Events.Any(e => e is PriorityRaised))
        {
            Rematch(book, now, "priority raised");
        }
    }

    // Resolving a grain reference reads the interface's attributes each time; a ticket talks to these often.
    // The live board of the ticket's region, for its alerts (its marker and tallies go through the silo's BoardFeed, offers through the LiveRelay).
    private IRegionBoardGrain Board => _board ??= GrainFactory.Grain<IRegionBoardGrain>(RegionBoards.KeyOf(T.Region));

    private IRegionDispatcherGrain Region => _region ??= GrainFactory.Grain<IRegionDispatcherGrain>(T.Region!);

    private ICustomerGrain Customer => _customer ??= GrainFactory.Grain<ICustomerGrain>(T.Request!.CustomerId);

    /// <summary>The ticket's facts changed: the book may now hold another policy for it.</summary>
    private void Rematch(SlaBook book, DateTimeOffset now, string why)
    {
        var policy = book.PolicyFor(Facts(), T.ContractPolicyId);
        if (policy.Id != T.PolicyId)
        {
            var from = T.PolicyId;
            T.PolicyId = policy.Id;
            Record(now, "sla.policy-changed", null, null, Actor.System, why,
                new Dictionary<string, string> { ["from"] = from, ["to"] = policy.Id });
        }
    }

    /// <summary>The ticket's policy, as the book now has it (a changed policy applies at once); if it was removed, the book's match.</summary>
    private SlaPolicy Policy(SlaBook book) => book.Policies.Find(T.PolicyId) ?? book.PolicyFor(Facts(), T.ContractPolicyId);

    private List<SlaEvent> SlaEvents() =>
        [.. T.SlaMarks.Select(m => new SlaEvent(Instant.FromDateTimeOffset(m.At), m.Kind, m.Reason))];

    /// <summary>
    /// Sets, moves or removes the reminder for the next checkpoint; true when the stored ticket must learn of it.
    /// </summary>
    /// <remarks>
    /// Moved or removed alone (a wake that found nothing due, e.g. at the expiry of an offer accepted since), it is not
    /// worth a write of the ticket: the stored instant only spares reminder writes, and a stale one costs at most one
    /// reminder write more at a later activation; a change of the ticket stores it with itself. A reminder where the
    /// stored ticket has none is worth one: an activation that finds none stored would leave it firing.
    /// </remarks>
    private async Task<bool> KeepReminder(DateTimeOffset? next, DateTimeOffset now)
    {
        var inDoubt = _reminderInDoubt;
        _reminderInDoubt = false;
        if (next == T.ReminderDueAt && !inDoubt)
        {
            return false;
        }
        if (next is { } due)
        {
            if (!inDoubt && T.ReminderDueAt is { } registered && registered > now && registered <= due)
            {
                // The reminder already wakes the ticket no later than needed; it re-arms itself then. This saves
                // a reminder-table write on most transitions (an offer, an accept), which sit on intake's path.
                return false;
            }
            var dueIn = due - now;
            await this.RegisterOrUpdateReminder(WakeReminder, dueIn < TimeSpan.Zero ? TimeSpan.Zero : dueIn, ReminderPeriod);
        }
        else if (await this.GetReminder(WakeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        _reminderWritten = true;
        var appeared = T.ReminderDueAt is null && next is not null;
        T.ReminderDueAt = next;
        return appeared;
    }

    private void ArmTimer(DateTimeOffset? next, DateTimeOffset now)
    {
        if (next is not { } due)
        {
            _timer?.Dispose();
            (_timer, _timerDueAt) = (null, null);
            return;
        }
        if (_timer is not null && _timerDueAt == due)
        {
            return; // most commands leave the next checkpoint where it was; moving a timer is not free
        }
        _timerDueAt = due;
        var dueIn = due - now;
        if (dueIn < TimeSpan.Zero)
        {
            dueIn = TimeSpan.Zero;
        }
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(_ => SettleOnTimer(),
                new GrainTimerCreationOptions { DueTime = dueIn, Period = Timeout.InfiniteTimeSpan, Interleave = false, KeepAlive = false });
        }
        else
        {
            _timer.Change(dueIn, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Timer callbacks are not grain calls: a failure here drops the activation the same way (see ForgetUnsavedChanges).</summary>
    private async Task SettleOnTimer()
    {
        _timerDueAt = null; // the timer is spent: whatever is next arms it again
        try
        {
            await Settle(stateChanged: false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Ticket {TicketId}: settling on its timer failed; the reminder brings it back", Id);
            this.DeactivateOnIdle();
        }
    }

    /// <summary>
    /// The timeline entries not yet in the event log, as events, marked as written: the write they go with
    /// either stores both or fails, and a failed write drops this activation (<see cref="Storage.ForgetUnsavedChanges"/>).
    /// </summary>
    private List<DomainEvent> TakeUnwrittenEvents()
    {
        var events = T.Timeline.Where(e => e.Sequence > T.JournaledThrough).Select(ToEvent).ToList();
        if (events.Count > 0)
        {
            T.JournaledThrough = events[^1].Sequence;
        }
        return events;
    }

    private DomainEvent ToEvent(TimelineEntry entry) => new(
        EventStreams.Ticket(Id),
        entry.Sequence,
        entry.What,
        entry.At,
        new Actor(entry.By, entry.Role),
        JsonSerializer.Serialize(new
        {
            ticketId = Id,
            customerId = T.Request?.CustomerId,
            from = entry.From,
            to = entry.To,
            why = entry.Why,
            details = entry.Details,
        }));

    private enum CheckpointKind
    {
        Sla,
        Rule,
        AutoClose,
        OfferExpiry,

        /// <summary>Recurring while the ticket waits for an engineer; not recorded as fired.</summary>
        DispatchRetry,
    }

    private sealed record Checkpoint(string Id, DateTimeOffset DueAt, CheckpointKind Kind, SlaCheckpoint? Sla = null, RuleCheckpoint? Rule = null);
}
