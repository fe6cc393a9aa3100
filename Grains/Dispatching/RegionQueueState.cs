namespace Dispatch.Grains.Dispatching;

/// <summary>
/// The tickets waiting in a region for an engineer, stored apart from the roster so that a queue change does not
/// rewrite every engineer id: a region whose silo was lost comes back with its whole queue (see docs/adr).
/// </summary>
[GenerateSerializer, Alias("dispatch.region-queue")]
public sealed class RegionQueueState
{
    [Id(0)] public Dictionary<string, DispatchRequest> Waiting { get; set; } = [];
}
