using Dispatch.Domain.Customers;
using Dispatch.Grains.Common;
using Dispatch.Grains.Events;
using Dispatch.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Grains.Customers;

/// <summary>
/// A customer: profile, tickets, surveys and health. Every change is stored together with the events it
/// causes (an outbox with sequence numbers already assigned), and only then appended to the event journal;
/// an append that fails is retried from the outbox, and the journal keeps one copy of a re-appended event.
/// </summary>
public sealed class CustomerGrain(
    [PersistentState("customer", StorageNames.Dispatch)] IPersistentState<CustomerState> state,
    IEventJournal journal,
    IOptions<CustomerHealthOptions> options,
    TimeProvider clock,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain
{
    /// <summary>Closed tickets kept for the 360° view and the health score; open tickets are all kept.</summary>
    public const int ClosedTicketsKept = 50;

    /// <summary>Survey responses kept: far more than the satisfaction average and the review streak read.</summary>
    public const int SurveysKept = 50;

    /// <summary>How often a grain whose outbox is not empty tries the journal again while it stays active.</summary>
    private static readonly TimeSpan OutboxRetryPeriod = TimeSpan.FromSeconds(10);

    /// <summary>An append that hangs must not hold the grain (and its caller) for the whole call timeout.</summary>
    private static readonly TimeSpan JournalTimeout = TimeSpan.FromSeconds(10);

    private IGrainTimer? _outboxRetry;

    private CustomerState Customer => state.State;

    private string Stream => EventStreams.Customer(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Events a previous activation could not append go out now, from a timer so that a journal outage
        // does not delay or fail the activation itself.
        if (Customer.Outbox.Count > 0)
        {
            StartOutboxRetry(TimeSpan.Zero);
        }
        return Task.CompletedTask;
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
                await FlushOutboxAsync();
                return Overview(now);
            }
            Raise(CustomerEventTypes.Updated, by, now, CustomerEventData.Updated(profile, changed));
        }
        Customer.Profile = profile;
        Customer.UpdatedAt = now;
        ReassessHealth(now);
        await SaveAndPublishAsync();
        return Overview(now);
    }

    public Task<CustomerProfile?> GetProfile() => Task.FromResult(Customer.Profile);

    public Task<ServiceTerms?> TermsOn(DateOnly date)
    {
        if (Customer.Profile is not { } profile)
        {
            return Task.FromResult<ServiceTerms?>(null);
        }
        var contract = profile.Contract;
        var valid = contract is not null && contract.ValidFrom <= date && date <= contract.ValidTo;
        return Task.FromResult<ServiceTerms?>(new ServiceTerms(profile.Tier, valid ? contract!.SlaPolicyId : null));
    }

    public Task<CustomerOverview?> GetOverview() =>
        Task.FromResult(Customer.Profile is null ? null : Overview(clock.GetUtcNow()));

    public async Task TrackTicket(CustomerTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var index = Customer.Tickets.FindIndex(t => t.TicketId == ticket.TicketId);
        if (index >= 0 && Customer.Tickets[index] == ticket)
        {
            // A ticket that repeats itself (a retried call) changes nothing.
            await FlushOutboxAsync();
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
        await SaveAndPublishAsync();
    }

    public async Task RecordSurvey(SurveyResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (Customer.Surveys.Contains(response))
        {
            // The same response again (a retried call) must not count twice towards a review streak.
            await FlushOutboxAsync();
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
        }
        ReassessHealth(now);
        await SaveAndPublishAsync();
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

    private async Task SaveAndPublishAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The change is not stored, yet this activation holds it in memory: start again from storage.
            DeactivateOnIdle();
            throw;
        }
        await FlushOutboxAsync();
    }

    /// <summary>Appends the outbox to the journal; on failure the events stay for the next change, activation or retry tick.</summary>
    private async Task FlushOutboxAsync()
    {
        if (Customer.Outbox.Count == 0)
        {
            return;
        }
        var pending = Customer.Outbox.ToList();
        try
        {
            using var timeout = new CancellationTokenSource(JournalTimeout, clock);
            await journal.AppendAsync(pending, timeout.Token);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Appending {Count} event(s) of {Stream} to the event journal failed; they stay in the outbox and are appended again",
                pending.Count, Stream);
            StartOutboxRetry(OutboxRetryPeriod);
            return;
        }

        // Only the events that were appended leave: calls do not interleave, so they are still the first ones.
        Customer.Outbox.RemoveRange(0, pending.Count);
        StopOutboxRetry();
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            // Harmless: the stored outbox still lists these events, and appending them again keeps one copy.
            logger.LogWarning(ex, "Could not store the emptied outbox of {Stream}", Stream);
        }
    }

    private void StartOutboxRetry(TimeSpan dueTime)
    {
        _outboxRetry ??= this.RegisterGrainTimer(
            _ => FlushOutboxAsync(),
            new GrainTimerCreationOptions(dueTime, OutboxRetryPeriod) { Interleave = false, KeepAlive = false });
    }

    private void StopOutboxRetry()
    {
        _outboxRetry?.Dispose();
        _outboxRetry = null;
    }
}
