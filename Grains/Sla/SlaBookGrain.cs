using System.Text.Json;
using Dispatch.Grains.Common;
using Dispatch.Grains.Events;
using Dispatch.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Grains.Sla;

[GenerateSerializer, Alias("dispatch.sla.book-state")]
public sealed class SlaBookState : IJournaledState
{
    [Id(0)] public long Version { get; set; }
    [Id(1)] public SlaBookDocument Book { get; set; } = new();

    /// <summary>The sequence number of each policy's latest event ("sla-policy:{id}" streams).</summary>
    [Id(2)] public Dictionary<string, long> PolicyEventSequences { get; set; } = [];

    [NonSerialized] private IReadOnlyList<DomainEvent> _eventsToWrite = [];

    IReadOnlyList<DomainEvent> IJournaledState.EventsToWrite { get => _eventsToWrite; set => _eventsToWrite = value; }
}

/// <summary>
/// Holds the SLA book. Seeded from configuration the first time; afterwards the stored book is the truth
/// and the admin API changes it. A change that would make the book invalid is refused whole. A book stored
/// before today's rules (a policy with a 29,000-year target, say) is healed when the grain wakes: such policies
/// are dropped, with a warning naming them, so that no ticket computes with them. Every change of a policy is an
/// event of its stream ("sla-policy:{id}"), stored in the same write as the book (<see cref="IJournaledState"/>).
/// </summary>
public sealed class SlaBookGrain(
    [PersistentState("sla-book", StorageNames.Dispatch)] IPersistentState<SlaBookState> state,
    IOptions<SlaBookOptions> configured,
    ILogger<SlaBookGrain> logger,
    TimeProvider clock) : Grain, ISlaBookGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Version == 0)
        {
            SlaDocumentMapper.ToBook(configured.Value.Book, 1); // refuse to start from an invalid configuration
            var seeded = configured.Value.Book.Policies
                .Select((p, i) => PolicyEvent(SlaPolicyEventTypes.Added, p.Id, Actor.System, new { policyId = p.Id, position = i, policy = p, why = "seeded from configuration" }))
                .ToList();
            await Store(configured.Value.Book, seeded);
            logger.LogInformation("SLA book seeded from configuration: {Count} policies", state.State.Book.Policies.Count);
        }
        else if (!new SlaDocumentMapper().IsValid(state.State.Book))
        {
            await Heal(cancellationToken);
        }
    }

    private async Task Heal(CancellationToken cancellationToken)
    {
        var healed = StoredBookHealing.Healed(state.State.Book, configured.Value.Book, (policyId, problems) =>
            logger.LogWarning("SLA policy {PolicyId} dropped from the stored book: it breaks today's rules ({Problems})", policyId, problems));
        if (ReferenceEquals(healed, configured.Value.Book))
        {
            logger.LogError("The stored SLA book's calendars, default or rules break today's rules: it starts again from configuration");
        }
        var events = state.State.Book.Policies.Where(p => !healed.Policies.Any(h => h.Id == p.Id))
            .Select(p => PolicyEvent(SlaPolicyEventTypes.Removed, p.Id, Actor.System, new { policyId = p.Id, why = "breaks today's rules" }))
            .ToList();
        await Store(healed, events);
    }

    public Task<VersionedSlaBook> Read() => Task.FromResult(new VersionedSlaBook(state.State.Version, state.State.Book));

    public Task<VersionedSlaBook> SavePolicy(SlaPolicyDocument policy, int? position, Actor by)
    {
        var policies = state.State.Book.Policies.Where(p => p.Id != policy.Id).ToList();
        var existingIndex = state.State.Book.Policies.FindIndex(p => p.Id == policy.Id);
        var index = Math.Clamp(position ?? (existingIndex >= 0 ? existingIndex : policies.Count), 0, policies.Count);
        policies.Insert(index, policy);
        logger.LogInformation("SLA policy {PolicyId} saved by {Actor} ({Role})", policy.Id, by.Name, by.Role);
        var type = existingIndex >= 0 ? SlaPolicyEventTypes.Changed : SlaPolicyEventTypes.Added;
        return Replace(policies, PolicyEvent(type, policy.Id, by, new { policyId = policy.Id, position = index, policy }));
    }

    public Task<VersionedSlaBook> RemovePolicy(string policyId, Actor by)
    {
        logger.LogInformation("SLA policy {PolicyId} removed by {Actor} ({Role})", policyId, by.Name, by.Role);
        var removed = state.State.Book.Policies.Any(p => p.Id == policyId)
            ? [PolicyEvent(SlaPolicyEventTypes.Removed, policyId, by, new { policyId })]
            : Array.Empty<DomainEvent>();
        return Replace([.. state.State.Book.Policies.Where(p => p.Id != policyId)], removed);
    }

    /// <summary>An event of the policy's stream, numbered after its last one (the number is kept once the write succeeds).</summary>
    private DomainEvent PolicyEvent(string type, string policyId, Actor by, object data)
    {
        var sequence = state.State.PolicyEventSequences.GetValueOrDefault(policyId) + 1;
        state.State.PolicyEventSequences[policyId] = sequence;
        return new DomainEvent(SlaPolicyEventTypes.Stream(policyId), sequence, type, clock.GetUtcNow(), by,
            JsonSerializer.Serialize(data, JsonSerializerOptions.Web));
    }

    private async Task<VersionedSlaBook> Replace(List<SlaPolicyDocument> policies, params IReadOnlyList<DomainEvent> events)
    {
        var book = new SlaBookDocument
        {
            Calendars = state.State.Book.Calendars,
            Policies = policies,
            Default = state.State.Book.Default,
            Rules = state.State.Book.Rules,
        };
        SlaDocumentMapper.ToBook(book, state.State.Version + 1);
        await Store(book, events);
        return new VersionedSlaBook(state.State.Version, book);
    }

    /// <summary>Stores the new book with the events describing its change; a change that could not be stored is forgotten.</summary>
    private async Task Store(SlaBookDocument book, IReadOnlyList<DomainEvent> events)
    {
        state.State = new SlaBookState
        {
            Version = state.State.Version + 1, Book = book, PolicyEventSequences = state.State.PolicyEventSequences,
        };
        try
        {
            await state.WriteWithEventsAsync(events);
        }
        catch
        {
            // Neither the book nor its events were stored: this activation starts again from storage.
            DeactivateOnIdle();
            throw;
        }
    }
}
