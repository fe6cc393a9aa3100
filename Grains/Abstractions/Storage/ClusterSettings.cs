namespace Dispatch.Grains.Storage;

/// <summary>
/// Where a silo or web node finds the cluster and its store. Bound from the "Cluster" configuration
/// section; the connection string comes from ConnectionStrings:Dispatch.
/// </summary>
public sealed class ClusterSettings
{
    public const string SectionName = "Cluster";
    public const string ConnectionStringName = "Dispatch";

    public string ClusterId { get; set; } = "dispatch";

    public string ServiceId { get; set; } = "dispatch";

    /// <summary>Silo-to-silo port; give each silo on one machine its own.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients (web nodes) connect to; give each silo on one machine its own.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients use to reach this silo.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    public StorageMode Storage { get; set; } = StorageMode.PostgreSql;

    /// <summary>
    /// The web host runs a silo of the cluster in its own process instead of joining as a client: its API and hubs
    /// then call the grains without a gateway in between (no serialization, no socket). One process per node; other
    /// silos and web nodes may still join the same cluster.
    /// </summary>
    public bool CoHosted { get; set; }
}

public enum StorageMode
{
    /// <summary>Clustering, grain state and reminders in PostgreSQL: the real mode.</summary>
    PostgreSql,

    /// <summary>Everything in memory, one silo on localhost: for quick experiments only, nothing is kept.</summary>
    InMemory,
}
