using Dispatch.Grains.Gathering;
using Microsoft.Extensions.Logging;

namespace Dispatch.Grains.Live;

/// <summary>
/// The live board's intake on each silo: what the silo's tickets and engineers change (markers, accepted offers,
/// resolutions) is gathered here and handed to each region board in one message a tenth of a second after the
/// first change, instead of one message per change. A region board pushes to consoles every 250 ms anyway, so the
/// wait adds little to what a console sees, and a silo's tickets and engineers do not queue one by one at their
/// region board.
/// </summary>
/// <remarks>
/// A service of the silo, not a grain: a call to a grain, even a local stateless worker, is a message with its
/// arguments copied, and tickets and engineers report to the board several times each.
/// </remarks>
public sealed class BoardFeed
{
    private static readonly TimeSpan HandOverAfter = TimeSpan.FromMilliseconds(100);

    private readonly Gatherer<Gathered> _gatherer;

    // The board each engineer was last handed to, so that one who crossed into another region leaves the old one.
    private readonly Dictionary<string, string> _boardOf = new(StringComparer.Ordinal);

    public BoardFeed(IGrainFactory grains, ILogger<BoardFeed> logger) =>
        // One way, like every report to the board: it never holds the silo's tickets up.
        _gatherer = new(HandOverAfter, () => new Gathered(), (board, gathered) => grains.Grain<IRegionBoardGrain>(board).Record(gathered.ToChanges()), logger);

    public void TicketChanged(TicketMarker ticket) =>
        _gatherer.Report(RegionBoards.KeyOf(ticket.Region), g => g.Tickets[ticket.Id] = ticket);

    public void EngineerChanged(EngineerMarker engineer) => _gatherer.Report(boards =>
    {
        var board = RegionBoards.KeyOf(engineer.Region);
        if (_boardOf.TryGetValue(engineer.Id, out var before) && before != board)
        {
            var left = boards(before);
            left.Engineers.Remove(engineer.Id);
            left.EngineersLeft.Add(engineer.Id);
        }
        _boardOf[engineer.Id] = board;
        var gathered = boards(board);
        gathered.EngineersLeft.Remove(engineer.Id);
        gathered.Engineers[engineer.Id] = engineer;
    });

    public void OfferAccepted(string? region, AcceptedOffer accepted) =>
        _gatherer.Report(RegionBoards.KeyOf(region), g => g.Accepts.Add(accepted));

    public void TicketResolved(string? region, TicketResolution resolution) =>
        _gatherer.Report(RegionBoards.KeyOf(region), g => g.Resolutions.Add(resolution));

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
