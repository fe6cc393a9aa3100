namespace Dispatch.Benchmarks;

/// <summary>The cheapest possible grain call: what the cluster can do when a call does no work at all.</summary>
public interface IPingGrain : IGrainWithIntegerKey
{
    Task Ping();
}

public sealed class PingGrain : Grain, IPingGrain
{
    public Task Ping() => Task.CompletedTask;
}
