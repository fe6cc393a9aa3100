namespace Dispatch.Grains.Storage;

/// <summary>Names of the grain storage providers the silo registers.</summary>
public static class StorageNames
{
    /// <summary>Durable grain state: PostgreSQL in production, memory in the in-memory mode.</summary>
    public const string Dispatch = "dispatch";
}
