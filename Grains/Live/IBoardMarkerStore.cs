namespace Dispatch.Grains.Live;

/// <summary>
/// Where the region boards keep their markers: one entry per ticket and engineer, so that storing what moved costs
/// what moved. (Kept as one grain state, every write rewrote every open ticket's marker: megabytes a write on a
/// busy region, and more the longer tickets stayed open.)
/// </summary>
/// <remarks>
/// The board is a view: the tickets and engineers keep their own durable state, and each reports its marker again
/// when it next changes. What is stored only spares a reconnecting console an empty map after the board's silo was lost.
/// </remarks>
public interface IBoardMarkerStore
{
    /// <summary>The markers the board stored (empty dictionaries when it stored none).</summary>
    Task<RegionBoardMarkers> LoadAsync(string board, CancellationToken cancellationToken = default);

    /// <summary>Stores the markers that changed and forgets the ones that left the board, in one write.</summary>
    Task SaveAsync(string board, MarkerChanges changes, CancellationToken cancellationToken = default);
}

/// <summary>What a region board's markers changed since it last stored them.</summary>
public sealed record MarkerChanges(
    IReadOnlyList<TicketMarker> Tickets,
    IReadOnlyList<EngineerMarker> Engineers,
    IReadOnlyList<string> TicketsGone,
    IReadOnlyList<string> EngineersGone)
{
    public bool IsEmpty => Tickets.Count == 0 && Engineers.Count == 0 && TicketsGone.Count == 0 && EngineersGone.Count == 0;
}
