using Orleans.Configuration;

namespace Dispatch.Silo.Hosting;

/// <summary>
/// Membership tuned to declare a lost silo dead in seconds rather than tens of seconds: until then its grains
/// (tickets, regions) cannot be activated elsewhere and its reminders are not taken over. The price is a higher
/// chance of declaring a silo that is only stalled (a long GC pause, a starved CPU) dead; such a silo stops and is
/// restarted by its supervisor. README, Failure model, has the figures; `Cluster:Membership:*` overrides each one.
/// </summary>
public static class FastDeathDetection
{
    public const string SectionName = "Cluster:Membership";

    public static void Apply(ClusterMembershipOptions options)
    {
        // Probes every 2 s (Orleans adapts each silo's between 1 s and 8 s); three missed in a row make a suspicion.
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = 3;
        // Two suspecting silos declare a death (with two silos, the survivor's own vote is enough).
        options.NumVotesForDeathDeclaration = 2;
        // Votes count for 30 s: long enough to gather a second one, short enough that stale ones do not add up.
        options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
        // Silos and web nodes read the table every 5 s: a death declared by others is seen within that.
        options.TableRefreshTimeout = TimeSpan.FromSeconds(5);
        // The heartbeat in the table. A silo starting while the others are dead cannot gather votes against them; it
        // waits until their heartbeat is three periods old (NumMissedTableIAmAliveLimit): 30 s, not the default 90 s.
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
    }
}
