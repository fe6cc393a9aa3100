using Microsoft.Extensions.Logging;

namespace Dispatch.Grains.Live;

/// <summary>
/// The live board's intake on each silo: what the silo's tickets and engineers change (markers, accepted offers,
/// resolutions) is gathered here and handed to each region board in one message a tenth of a second after the
/// first change, instead of one message per change. A region board pushes to consoles every 250 ms anyway, so
/// the wait adds little to what a console sees, and a silo's tickets and engineers do not queue one by one at
/// their region board.
/// </summary>
/// <remarks>
/// A service of the silo, not a grain: a call to a grain, even a local stateless worker, is a message with its
/// arguments copied, and tickets and engineers reported to the board several times each. The wait is measured on
/// the wall clock (<see cref="TimeProvider.System"/>): it is a batching delay, not a business time, and a test's
/// fake clock must not hold the board back. Nothing gathered is stored: markers are hints that the next change
/// repeats, and a silo that stops takes its part of the board with it anyway.
/// </remarks>
public sealed class BoardFeed(IGrainFactory grains, ILogger<BoardFeed> logger)
{
    private static readonly TimeSpan ForwardAfter = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private Dictionary<string, Gathered> _pending = new(StringComparer.Ordinal);

    // The board each engineer was last handed to, so that one who crossed into another region leaves the old one.
    private readonly Dictionary<string, string> _boardOf = new(StringComparer.Ordinal);
    private bool _forwardScheduled;

    public void TicketChanged(TicketMarker ticket)
    {
        lock (_gate)
        {
            For(RegionBoards.KeyOf(ticket.Region)).Tickets[ticket.Id] = ticket;
        }
    }

    public void EngineerChanged(EngineerMarker engineer)
    {
        var board = RegionBoards.KeyOf(engineer.Region);
        lock (_gate)
        {
            if (_boardOf.TryGetValue(engineer.Id, out var before) && before != board)
            {
                var left = For(before);
                left.Engineers.Remove(engineer.Id);
                left.EngineersLeft.Add(engineer.Id);
            }
            _boardOf[engineer.Id] = board;
            var gathered = For(board);
            gathered.EngineersLeft.Remove(engineer.Id);
            gathered.Engineers[engineer.Id] = engineer;
        }
    }

    public void OfferAccepted(string? region, AcceptedOffer accepted)
    {
        lock (_gate)
        {
            For(RegionBoards.KeyOf(region)).Accepts.Add(accepted);
        }
    }

    public void TicketResolved(string? region, TicketResolution resolution)
    {
        lock (_gate)
        {
            For(RegionBoards.KeyOf(region)).Resolutions.Add(resolution);
        }
    }

    // Under the gate: the board's gathering, and a forward scheduled if none is.
    private Gathered For(string board)
    {
        if (!_pending.TryGetValue(board, out var gathered))
        {
            _pending[board] = gathered = new Gathered();
        }
        if (!_forwardScheduled)
        {
            _forwardScheduled = true;
            _ = ForwardSoon();
        }
        return gathered;
    }

    private async Task ForwardSoon()
    {
        await Task.Delay(ForwardAfter, TimeProvider.System).ConfigureAwait(false);
        Dictionary<string, Gathered> boards;
        lock (_gate)
        {
            boards = _pending;
            _pending = new Dictionary<string, Gathered>(StringComparer.Ordinal);
            _forwardScheduled = false;
        }
        foreach (var (board, gathered) in boards)
        {
            try
            {
                // One way, like every report to the board: it never holds the silo's tickets up.
                await grains.GetGrain<IRegionBoardGrain>(board).Record(gathered.ToChanges());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not hand region board {Board} its changes; the next changes repeat the markers", board);
            }
        }
    }

    private sealed class Gathered
    {
        public Dictionary<string, TicketMarker> Tickets { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, EngineerMarker> Engineers { get; } = new(StringComparer.Ordinal);

        public HashSet<string> EngineersLeft { get; } = new(StringComparer.Ordinal);

        public List<AcceptedOffer> Accepts { get; } = [];

        public List<TicketResolution> Resolutions { get; } = [];

        public BoardChanges ToChanges() => new([.. Tickets.Values], [.. Engineers.Values], [.. EngineersLeft], [.. Accepts], [.. Resolutions]);
    }
}
