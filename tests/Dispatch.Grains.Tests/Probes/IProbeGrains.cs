namespace Dispatch.Grains.Tests.Probes;

/// <summary>A grain whose whole job is to keep a number in Dispatch's grain storage.</summary>
public interface IStoredCounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Read();

    /// <summary>The silo this activation runs on, to tell the two silos of a cluster apart.</summary>
    Task<string> Silo();
}

/// <summary>A grain that registers a durable reminder and records when it fired.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task Arm(TimeSpan dueIn);

    Task<IReadOnlyList<DateTimeOffset>> Firings();
}
