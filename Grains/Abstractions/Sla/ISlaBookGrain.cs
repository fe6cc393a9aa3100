using Dispatch.Grains.Common;

namespace Dispatch.Grains.Sla;

/// <summary>
/// The SLA book (key: 0): calendars, ordered policies, the default and the rules. Starts from the "Sla"
/// configuration; the admin API changes policies; every change bumps the version.
/// </summary>
public interface ISlaBookGrain : IGrainWithIntegerKey
{
    [Orleans.Concurrency.ReadOnly]
    Task<VersionedSlaBook> Read();

    /// <summary>Adds the policy, or replaces the one with its id; at a position in the order, or at the end.</summary>
    Task<VersionedSlaBook> SavePolicy(SlaPolicyDocument policy, int? position, Actor by);

    Task<VersionedSlaBook> RemovePolicy(string policyId, Actor by);
}

[GenerateSerializer, Alias("dispatch.sla.versioned-book")]
public sealed record VersionedSlaBook([property: Id(0)] long Version, [property: Id(1)] SlaBookDocument Book);
