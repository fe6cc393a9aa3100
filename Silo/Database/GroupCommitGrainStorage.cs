using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Dispatch.Grains.Events;
using Dispatch.Silo.Events;
using Orleans.Configuration;
using Orleans.Storage;

namespace Dispatch.Silo.Database;

/// <summary>
/// Grain storage whose writes go through <see cref="PostgresGroupCommit"/>: every ticket, engineer and
/// customer change is one row update, and under load hundreds of them share a round trip and a commit
/// instead of each renting a connection and waiting for its own WAL flush. A state that carries the events
/// of its change (<see cref="IJournaledState"/>) is written with them in the same statement. Reads and clears
/// stay with the Orleans ADO.NET provider it wraps.
/// </summary>
/// <remarks>
/// It writes the same rows the ADO.NET provider reads, through the same function (0002_orleans_persistence.sql),
/// with the provider's own key hashes (its configured hash picker) and serializer, so the two stay
/// interchangeable: state written by either is read by both. The answer is the provider's too: the new
/// version becomes the ETag, and a write the database rejected (a stale ETag, two activations) is an
/// <see cref="InconsistentStateException"/>.
/// </remarks>
internal sealed class GroupCommitGrainStorage(
    IGrainStorage inner,
    PostgresGroupCommit groupCommit,
    AdoNetGrainStorageOptions options,
    string providerName,
    string serviceId,
    EventQuarantine quarantine) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (stateName.Contains('`', StringComparison.Ordinal))
        {
            // Generic state type names get the provider's own normalization; none of ours are generic.
            await inner.WriteStateAsync(stateName, grainId, grainState);
            return;
        }
        var key = StorageKey.Of(grainId);
        var hasher = options.HashPicker.PickHasher(serviceId, providerName, stateName, grainId, grainState)
            ?? throw new InvalidOperationException($"no hasher for grain storage '{providerName}'");
        int? knownVersion = string.IsNullOrWhiteSpace(grainState.ETag) ? null : int.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var events = (grainState.State as IJournaledState)?.EventsToWrite ?? [];
        var command = StateWrites.Command(hasher.Hash(key.HashBytes()), key.N0, key.N1, hasher.Hash(Encoding.UTF8.GetBytes(stateName)),
            stateName, key.Extension, serviceId, knownVersion, options.GrainStorageSerializer.Serialize(grainState.State).ToArray(), events, quarantine);
        var newVersion = await groupCommit.ExecuteAsync(command, StateWrites.NewVersion);
        if (newVersion is not { } version || version == knownVersion)
        {
            throw new InconsistentStateException(
                $"Version conflict (WriteState): ServiceId={serviceId} ProviderName={providerName} GrainType={stateName} GrainId={key} ETag={grainState.ETag}.");
        }
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    /// <summary>Wraps the ADO.NET grain storage registered under <paramref name="name"/>.</summary>
    public static void Decorate(IServiceCollection services, string name) =>
        GrainStorageDecoration.Wrap(services, name, (provider, inner) => new GroupCommitGrainStorage(
            inner,
            provider.GetRequiredService<PostgresGroupCommit>(),
            provider.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(name),
            name,
            provider.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            provider.GetRequiredService<EventQuarantine>()));
}
