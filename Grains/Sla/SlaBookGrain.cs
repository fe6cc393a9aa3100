using Dispatch.Grains.Common;
using Dispatch.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Grains.Sla;

[GenerateSerializer, Alias("dispatch.sla.book-state")]
public sealed class SlaBookState
{
    [Id(0)] public long Version { get; set; }
    [Id(1)] public SlaBookDocument Book { get; set; } = new();
}

/// <summary>
/// Holds the SLA book. Seeded from configuration the first time; afterwards the stored book is the truth
/// and the admin API changes it. A change that would make the book invalid is refused whole. A book stored
/// before today's rules (a policy with a 29,000-year target, say) is healed when the grain wakes: such policies
/// are dropped, with a warning naming them, so that no ticket computes with them.
/// </summary>
public sealed class SlaBookGrain(
    [PersistentState("sla-book", StorageNames.Dispatch)] IPersistentState<SlaBookState> state,
    IOptions<SlaBookOptions> configured,
    ILogger<SlaBookGrain> logger) : Grain, ISlaBookGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Version == 0)
        {
            SlaDocumentMapper.ToBook(configured.Value.Book, 1); // refuse to start from an invalid configuration
            state.State = new SlaBookState { Version = 1, Book = configured.Value.Book };
            await state.WriteStateAsync(cancellationToken);
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
        state.State = new SlaBookState { Version = state.State.Version + 1, Book = healed };
        await state.WriteStateAsync(cancellationToken);
    }

    public Task<VersionedSlaBook> Read() => Task.FromResult(new VersionedSlaBook(state.State.Version, state.State.Book));

    public Task<VersionedSlaBook> SavePolicy(SlaPolicyDocument policy, int? position, Actor by)
    {
        var policies = state.State.Book.Policies.Where(p => p.Id != policy.Id).ToList();
        var existingIndex = state.State.Book.Policies.FindIndex(p => p.Id == policy.Id);
        var index = Math.Clamp(position ?? (existingIndex >= 0 ? existingIndex : policies.Count), 0, policies.Count);
        policies.Insert(index, policy);
        logger.LogInformation("SLA policy {PolicyId} saved by {Actor} ({Role})", policy.Id, by.Name, by.Role);
        return Replace(policies);
    }

    public Task<VersionedSlaBook> RemovePolicy(string policyId, Actor by)
    {
        logger.LogInformation("SLA policy {PolicyId} removed by {Actor} ({Role})", policyId, by.Name, by.Role);
        return Replace([.. state.State.Book.Policies.Where(p => p.Id != policyId)]);
    }

    private async Task<VersionedSlaBook> Replace(List<SlaPolicyDocument> policies)
    {
        var book = new SlaBookDocument
        {
            Calendars = state.State.Book.Calendars,
            Policies = policies,
            Default = state.State.Book.Default,
            Rules = state.State.Book.Rules,
        };
        SlaDocumentMapper.ToBook(book, state.State.Version + 1);
        state.State = new SlaBookState { Version = state.State.Version + 1, Book = book };
        await state.WriteStateAsync();
        return new VersionedSlaBook(state.State.Version, book);
    }
}
