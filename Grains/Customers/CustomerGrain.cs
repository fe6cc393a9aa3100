using Dispatch.Domain.Customers;
using Dispatch.Grains.Common;
using Dispatch.Grains.Dispatching;
using Dispatch.Grains.Notifications;
using Dispatch.Grains.Events;
using Dispatch.Grains.Storage;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Dispatch.Grains.Customers;

/// <summary>
/// A customer: profile, tickets, surveys and health. Every change is stored together with the events it
/// causes, in one write (<see cref="IJournaledState"/>): the event log holds an event exactly when the stored
/// customer includes its change.
/// </summary>
/// <remarks>
/// Reentrant, so that the changes that arrive while a write is in flight go together in the next write
/// (<see cref="CoalescedWrites"/>): a customer with a thousand open tickets stores a state of a few hundred kilobytes, and
/// one write per ticket, queued, made intake of a burst of its tickets wait past the call timeout. Every method makes
/// its change in memory before its first await, so turns never see each other's half-made changes.
/// </remarks>
[Reentrant]
public sealed class CustomerGrain(
    [PersistentState("customer", StorageNames.Dispatch)] IPersistentState<CustomerState> state,
    IOptions<CustomerHealthOptions> options,
    RegionCatalog regions,
    TimeProvider clock) : Grain, ICustomerGrain
{
    /// <summary>Closed tickets kept for the 360° view and the health score; open tickets are all kept.</summary>
    public const int ClosedTicketsKept = 50;

    /// <summary>Survey responses kept: far more than the satisfaction average and the review streak read.</summary>
    public const int SurveysKept = 50;

    // Alerts raised by the change being stored: they reach people once it is.
    private readonly List<(string Type, string Message, DateTimeOffset At)> _alerts = [];

    private CoalescedWrites? _writes;

    // Set once a write failed: this activation's memory then holds changes that are not stored.
    private Exception? _notStored;

    private CustomerState Customer => state.State;

    private string Stream => EventStreams.Customer(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // An earlier release stored events here before appending them separately: they go in with one write now.
        if (Customer.Outbox.Count > 0)
        {
            await SaveAsync();
        }
    }

    public async Task<CustomerOverview> Register(CustomerProfile profile, Actor by)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(by);
        // Grain storage writes state as JSON with the runtime type of each collection and reads back only
        // types it allows: a caller's compiler-made list (e.g. from a collection expression) would be stored
        // fine and then fail to load. A plain list always loads.
        profile = profile with { Sites = profile.Sites.ToList() };
        var now = clock.GetUtcNow();
        var before = Customer.Profile;
        if (before is null)
        {
            Customer.RegisteredAt = now;
            Raise(CustomerEventTypes.Registered, by, now, CustomerEventData.Registered(profile));
        }
        else
        {
            var changed = CustomerProfileChanges.Between(before, profile);
            if (changed.Count == 0)
            {
                // The same PUT again: nothing to store or to tell anyone.
                return Overview(now);
            }
            Raise(CustomerEventTypes.Updated, by, now, CustomerEventData.Updated(profile, changed));
        }
        Customer.Profile = profile;
        Customer.UpdatedAt = now;
        ReassessHealth(now);
        await SaveAsync();
        return Overview(now);
    }

    public Task<CustomerProfile?> GetProfile() => Task.FromResult(Customer.Profile);

    public async Task<ServiceTerms?> OpenTicket(CustomerTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (Customer.Profile is not { } profile)
        {
            // Intake refuses the ticket: nothing to keep.
            return null;
        }
        // Kept before the ticket stores its opening, so the ticket asks once rather than asking the terms and then
        // telling the outcome. Should the ticket's write fail, it withdraws the ticket; a retried intake (same key,
        // same ticket id) opens it again here, in the same place.
        await Keep(ticket);
        var date = DateOnly.FromDateTime(ticket.OpenedAt.UtcDateTime);
        var contract = profile.Contract;
        var valid = contract is not null && contract.ValidFrom <= date && date <= contract.ValidTo;
        return new ServiceTerms(profile.Tier, valid ? contract!.SlaPolicyId : null);
    }

    public async Task WithdrawTicket(string ticketId, DateTimeOffset openedAt)
    {
        // Only the opening that failed: a ticket tracked since (a retried intake, at its own instant) stays.
        if (Customer.Tickets.RemoveAll(t => t.TicketId == ticketId && t.IsOpen && t.OpenedAt == openedAt) == 0)
        {
            return;
        }
        ReassessHealth(clock.GetUtcNow());
        await SaveAsync();
    }

    public async Task<CustomerOverview?> GetOverview()
    {
        // After the writes in flight, as before this grain was reentrant: a change told one way is in the overview only
        // once it is stored, so whoever reads it can also find its events in the log.
        await Writes.Stored();
        return Customer.Profile is null ? null : Overview(clock.GetUtcNow());
    }

    public Task TrackTicket(CustomerTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return Keep(ticket);
    }

    /// <summary>The ticket's latest summary in the history; one that repeats itself (a retried call) changes nothing.</summary>
    private async Task Keep(CustomerTicket ticket)
    {
        var index = Customer.Tickets.FindIndex(t => t.TicketId == ticket.TicketId);
        if (index >= 0 && Customer.Tickets[index] == ticket)
        {
            // A repeated call: answered once the first one's write is in.
            await Writes.Stored();
            return;
        }
        if (index >= 0)
        {
            Customer.Tickets[index] = ticket;
        }
        else
        {
            Customer.Tickets.Add(ticket);
        }
        ForgetOldClosedTickets();
        ReassessHealth(clock.GetUtcNow());
        await SaveAsync();
    }

    public async Task RecordSurvey(SurveyResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (Customer.Surveys.Contains(response))
        {
            // The same response again (a retried call) must not count twice towards a review streak.
            return;
        }
        var now = clock.GetUtcNow();
        Customer.Surveys.Add(response);
        if (Customer.Surveys.Count > SurveysKept)
        {
            Customer.Surveys.RemoveRange(0, Customer.Surveys.Count - SurveysKept);
        }
        Raise(CustomerEventTypes.Survey, Actor.System, now, CustomerEventData.Survey(response));

        var feedback = Customer.Surveys.Select(s => new SurveyFeedback(s.Survey.Csat, s.Survey.BlamedStage)).ToList();
        if (ProcessReviewDetector.StageToReview(feedback) is { } stage)
        {
            var streak = Customer.Surveys.TakeLast(ProcessReviewRules.Default.StreakLength).Select(s => s.TicketId).ToList();
            Raise(CustomerEventTypes.ProcessReview, Actor.System, now, CustomerEventData.ProcessReview(stage, streak));
            _alerts.Add((CustomerEventTypes.ProcessReview, $"{Customer.Profile?.Name ?? this.GetPrimaryKeyString()}: the last surveys blame {stage}: review the process", now));
        }
        ReassessHealth(now);
        await SaveAsync();
    }

    private CustomerHealthScore ComputeHealth(DateTimeOffset now) =>
        HealthScorer.Score(
            Customer.Tickets.Select(t => new HealthTicket(t.OpenedAt, t.ResolvedAt, HealthTicket.IsSeverePriority(t.Priority), t.SlaBreached)),
            Customer.Surveys.Select(s => new SatisfactionRating(s.At, s.Survey.Csat)),
            now);

    /// <summary>Recomputes the score after a change and raises the alert when it has just fallen below the threshold.</summary>
    private void ReassessHealth(DateTimeOffset now)
    {
        var threshold = options.Value.HealthAlertThreshold;
        var health = ComputeHealth(now);
        if (health.IsBelow(threshold) && !Customer.HealthAlertRaised)
        {
            Raise(CustomerEventTypes.HealthLow, Actor.System, now, CustomerEventData.HealthLow(health, Customer.LastHealthScore, threshold));
            _alerts.Add((CustomerEventTypes.HealthLow, $"{Customer.Profile?.Name ?? this.GetPrimaryKeyString()}: health score {health.Score} fell below {threshold}", now));
            Customer.HealthAlertRaised = true;
        }
        else if (!health.IsBelow(threshold))
        {
            Customer.HealthAlertRaised = false;
        }
        Customer.LastHealthScore = health.Score;
        Customer.LastHealthAt = now;
    }

    private void ForgetOldClosedTickets()
    {
        var closed = Customer.Tickets.Where(t => !t.IsOpen).ToList();
        if (closed.Count <= ClosedTicketsKept)
        {
            return;
        }
        var forgotten = closed
            .OrderByDescending(t => t.ResolvedAt ?? t.OpenedAt)
            .Skip(ClosedTicketsKept)
            .Select(t => t.TicketId)
            .ToHashSet(StringComparer.Ordinal);
        Customer.Tickets.RemoveAll(t => !t.IsOpen && forgotten.Contains(t.TicketId));
    }

    private CustomerOverview Overview(DateTimeOffset now)
    {
        var profile = Customer.Profile ?? throw new InvalidOperationException("The customer is not registered.");
        var resolved = Customer.Tickets.Where(t => t.ResolvedAt is not null).ToList();
        var breached = resolved.Count(t => t.SlaBreached);
        var health = ComputeHealth(now);
        return new CustomerOverview(
            this.GetPrimaryKeyString(),
            profile,
            [.. Customer.Tickets.Where(t => t.IsOpen).OrderByDescending(t => t.OpenedAt)],
            [.. Customer.Tickets.Where(t => !t.IsOpen).OrderByDescending(t => t.ResolvedAt ?? t.OpenedAt)],
            new SlaOutcomes(resolved.Count, breached, resolved.Count == 0 ? null : Math.Round((double)(resolved.Count - breached) / resolved.Count, 4)),
            [.. Enumerable.Reverse(Customer.Surveys)],
            new CustomerHealthView(health.Score, health.IsBelow(options.Value.HealthAlertThreshold), health.PointsByFactor()));
    }

    /// <summary>Puts an event in the outbox with the customer's next sequence number; it is stored with the change that caused it.</summary>
    private void Raise(string type, Actor by, DateTimeOffset at, string data)
    {
        Customer.LastEventSequence++;
        Customer.Outbox.Add(new DomainEvent(Stream, Customer.LastEventSequence, type, at, by, data));
    }

    /// <summary>Stores the change with the events it raised (with any made meanwhile); a change that could not be stored is forgotten.</summary>
    private Task SaveAsync() => Writes.Save();

    private CoalescedWrites Writes => _writes ??= new CoalescedWrites(WriteChangesAsync);

    private async Task WriteChangesAsync()
    {
        if (_notStored is not null)
        {
            // A later write would store the failed one's change without the events it took out of the outbox.
            throw new InvalidOperationException("an earlier write of this customer failed; it is reloaded from storage", _notStored);
        }
        var events = Customer.Outbox.ToList();
        Customer.Outbox.Clear();
        var alerts = _alerts.ToList();
        _alerts.Clear();
        try
        {
            await state.WriteWithEventsAsync(events);
        }
        catch (Exception ex)
        {
            // The change is not stored, yet this activation holds it in memory: start again from storage.
            _notStored = ex;
            DeactivateOnIdle();
            throw;
        }
        foreach (var (type, message, at) in alerts)
        {
            await CustomerAlerts.Raise(GrainFactory, regions, this.GetPrimaryKeyString(), Customer.Profile!, type, message, at);
        }
    }
}
