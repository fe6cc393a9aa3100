using Dispatch.Grains.Events;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Dispatch.Silo.Events;

/// <summary>
/// The in-memory mode's grain storage with the events of each change: they go to the in-memory log once the
/// state is stored. Nothing here is durable (the mode says so at start), so one write or two makes no difference.
/// </summary>
internal sealed class InMemoryJournaledStorage(IGrainStorage inner, InMemoryEventJournal journal) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.WriteStateAsync(stateName, grainId, grainState);
        if (grainState.State is IJournaledState { EventsToWrite.Count: > 0 } journaled)
        {
            journal.Append(journaled.EventsToWrite);
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    /// <summary>Wraps the grain storage registered under <paramref name="name"/>.</summary>
    public static void Decorate(IServiceCollection services, string name) =>
        Database.GrainStorageDecoration.Wrap(services, name,
            (provider, inner) => new InMemoryJournaledStorage(inner, provider.GetRequiredService<InMemoryEventJournal>()));
}
