using Dispatch.Grains.Storage;
using NodaTime;

namespace Dispatch.Grains.Notifications;

/// <summary>One role's rota in one region, stored as its document; the domain's rota answers who is on duty.</summary>
public sealed class DutyRotaGrain(
    [PersistentState("duty-rota", StorageNames.Dispatch)] IPersistentState<DutyRotaState> state,
    TimeProvider clock) : Grain, IDutyRotaGrain
{
    public Task<DutyRotaDocument?> Get() => Task.FromResult(state.State.Rota);

    public async Task Put(DutyRotaDocument rota)
    {
        state.State.Rota = rota;
        await state.WriteStateAsync();
    }

    public async Task Remove()
    {
        state.State.Rota = null;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<OnDuty>> OnDutyNow()
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var (rota, _) = DutyRotaMapper.Read(key[..slash], key[(slash + 1)..], state.State.Rota);
        IReadOnlyList<OnDuty> people = rota is null
            ? []
            : [.. rota.OnDutyAt(Instant.FromDateTimeOffset(clock.GetUtcNow())).Select(p => new OnDuty(p.UserName, p.Email))];
        return Task.FromResult(people);
    }
}

[GenerateSerializer, Alias("dispatch.duty.rota-state")]
public sealed class DutyRotaState
{
    [Id(0)] public DutyRotaDocument? Rota { get; set; }
}
