using Orleans.Concurrency;

namespace Dispatch.Grains.Notifications;

/// <summary>The duty rota of one role in one region (key: <see cref="DutyRotas.KeyOf"/>), stored durably.</summary>
public interface IDutyRotaGrain : IGrainWithStringKey
{
    /// <summary>The rota as stored; null when none was set.</summary>
    [ReadOnly]
    Task<DutyRotaDocument?> Get();

    /// <summary>Replaces the rota; the caller has validated it (<see cref="DutyRotaMapper"/>).</summary>
    Task Put(DutyRotaDocument rota);

    Task Remove();

    /// <summary>Who is on duty now, in the rota's order; empty without a rota.</summary>
    [ReadOnly]
    Task<IReadOnlyList<OnDuty>> OnDutyNow();
}

public static class DutyRotas
{
    public static string KeyOf(string role, string region) => $"{role}/{region}";
}
