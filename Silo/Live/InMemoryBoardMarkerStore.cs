using Dispatch.Grains.Live;

namespace Dispatch.Silo.Live;

/// <summary>
/// The board's markers in the in-memory mode: kept in this process only, gone when it stops. Markers are immutable,
/// so they are kept as they are; a load hands out dictionaries of its own.
/// </summary>
public sealed class InMemoryBoardMarkerStore : IBoardMarkerStore
{
    private readonly Dictionary<string, RegionBoardMarkers> _boards = [];

    public Task<RegionBoardMarkers> LoadAsync(string board, CancellationToken cancellationToken = default)
    {
        lock (_boards)
        {
            var copy = new RegionBoardMarkers();
            if (_boards.TryGetValue(board, out var stored))
            {
                copy.Tickets = new(stored.Tickets);
                copy.Engineers = new(stored.Engineers);
            }
            return Task.FromResult(copy);
        }
    }

    public Task SaveAsync(string board, MarkerChanges changes, CancellationToken cancellationToken = default)
    {
        lock (_boards)
        {
            if (!_boards.TryGetValue(board, out var stored))
            {
                _boards[board] = stored = new RegionBoardMarkers();
            }
            foreach (var ticket in changes.Tickets)
            {
                stored.Tickets[ticket.Id] = ticket;
            }
            foreach (var engineer in changes.Engineers)
            {
                stored.Engineers[engineer.Id] = engineer;
            }
            foreach (var id in changes.TicketsGone)
            {
                stored.Tickets.Remove(id);
            }
            foreach (var id in changes.EngineersGone)
            {
                stored.Engineers.Remove(id);
            }
        }
        return Task.CompletedTask;
    }
}
