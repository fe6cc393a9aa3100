using Dispatch.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Dispatch.Silo.Database;

/// <summary>
/// Grain storage whose failures travel: the driver's exceptions cannot be sent between processes, so a
/// database that does not answer is reported as a <see cref="StoreUnavailableException"/>, which web nodes
/// turn into 503 instead of an unexplained 500. Optimistic-concurrency conflicts pass through unchanged.
/// </summary>
internal sealed class TranslatingGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        StoreFailures.Translated(() => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        StoreFailures.Translated(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        StoreFailures.Translated(() => inner.ClearStateAsync(stateName, grainId, grainState));

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    /// <summary>Wraps the grain storage registered under <paramref name="name"/>.</summary>
    public static void Decorate(IServiceCollection services, string name) =>
        GrainStorageDecoration.Wrap(services, name, (_, inner) => new TranslatingGrainStorage(inner));
}
