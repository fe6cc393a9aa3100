namespace Dispatch.Domain.Geo;

/// <summary>How a region hands out waiting tickets.</summary>
public enum DispatchMode
{
    /// <summary>Each ticket takes the best engineer free at the moment it arrives.</summary>
    Greedy,

    /// <summary>Tickets waiting in a short window are assigned jointly at minimum total cost.</summary>
    Batch,
}
