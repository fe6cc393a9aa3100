using Dispatch.Grains.Common;
using Orleans.Concurrency;

namespace Dispatch.Grains.Notifications;

/// <summary>
/// One alert (key: its id, "ticketId:clock" or "customer:customerId:kind") and the chain of people it tells:
/// the people on duty for its level's roles, one after another until someone acknowledges, then the levels above.
/// Its state and the instant of its next telling are stored, so the chain survives a silo restart.
/// </summary>
public interface IAlertGrain : IGrainWithStringKey
{
    /// <summary>The alert is raised, or reaches another level: at a new or higher level the chain starts there. One way: the ticket never waits for it.</summary>
    [OneWay]
    Task Raise(AlertRaise raise);

    /// <summary>Stops the chain; the ticket records who acknowledged. False when there is no such alert.</summary>
    Task<bool> Acknowledge(Actor by);

    [ReadOnly]
    Task<AlertChainView?> View();
}

/// <summary>Where an alert's chain stands.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.alert-chain")]
public sealed record AlertChainView(
    [property: Id(0)] string AlertId,
    [property: Id(1)] int Level,
    [property: Id(2)] IReadOnlyList<string> Told,
    [property: Id(3)] DateTimeOffset? NextAt,
    [property: Id(4)] bool Acknowledged,
    [property: Id(5)] string? AcknowledgedBy);
