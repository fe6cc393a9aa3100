using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Dispatch.Testing;

/// <summary>
/// Puts a silo's grains on a fake clock: what grains read as now, their timers, and the reminders that wake
/// them. Orleans' own background loops (membership, directory) keep real time, or advancing the fake
/// clock would spin them.
/// </summary>
public static class FakeClock
{
    public static Action<IServiceCollection> For(FakeTimeProvider clock) => services =>
    {
        services.AddSingleton<TimeProvider>(clock);
        services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        services.AddKeyedSingleton<TimeProvider>("Orleans.Reminders", clock);
    };
}
