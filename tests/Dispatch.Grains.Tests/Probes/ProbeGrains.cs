using Dispatch.Grains.Storage;

namespace Dispatch.Grains.Tests.Probes;

[GenerateSerializer, Alias("probe.counter")]
public sealed class CounterState
{
    [Id(0)] public int Value { get; set; }
}

public sealed class StoredCounterGrain(
    [PersistentState("counter", StorageNames.Dispatch)] IPersistentState<CounterState> state,
    ILocalSiloDetails silo) : Grain, IStoredCounterGrain
{
    public async Task<int> Increment()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> Read() => Task.FromResult(state.State.Value);

    public Task<string> Silo() => Task.FromResult(silo.SiloAddress.ToParsableString());
}

[GenerateSerializer, Alias("probe.reminder")]
public sealed class ReminderProbeState
{
    [Id(0)] public List<DateTimeOffset> Firings { get; set; } = [];
}

public sealed class ReminderProbeGrain(
    [PersistentState("reminder-probe", StorageNames.Dispatch)] IPersistentState<ReminderProbeState> state)
    : Grain, IReminderProbeGrain, IRemindable
{
    private const string ReminderName = "probe";

    public Task Arm(TimeSpan dueIn) => this.RegisterOrUpdateReminder(ReminderName, dueIn, TimeSpan.FromMinutes(5));

    public Task<IReadOnlyList<DateTimeOffset>> Firings() => Task.FromResult<IReadOnlyList<DateTimeOffset>>(state.State.Firings);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Firings.Add(DateTimeOffset.UtcNow);
        await state.WriteStateAsync();
        var reminder = await this.GetReminder(ReminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
