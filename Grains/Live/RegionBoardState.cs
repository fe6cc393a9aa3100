namespace Dispatch.Grains.Live;

/// <summary>
/// What a region board must not forget: its alert feed and today's tallies. Stored within a quarter second
/// of changing, so a silo loss costs at most that; when only accepted offers came in, every
/// <see cref="LiveOptions.MarkerSaveEvery"/> (a busy region accepts several a second).
/// </summary>
[GenerateSerializer, Alias("dispatch.live.region-board-facts")]
public sealed class RegionBoardFacts
{
    /// <summary>The latest alerts, newest first.</summary>
    [Id(0)] public List<AlertNote> Alerts { get; set; } = [];

    /// <summary>The service day the tallies below count (see <see cref="ServiceDay"/>).</summary>
    [Id(1)] public DateOnly Day { get; set; }

    [Id(2)] public int MetToday { get; set; }

    [Id(3)] public int ResolvedToday { get; set; }

    /// <summary>Tickets with a breach today (a ticket breaching twice counts once).</summary>
    [Id(4)] public HashSet<string> BreachedToday { get; set; } = [];

    /// <summary>An earlier release's accepted offers, one entry each: folded into <see cref="AcceptSlots"/> at activation.</summary>
    [Id(5)] public List<AcceptSample> Accepts { get; set; } = [];

    /// <summary>Accepted offers of the last hour by heat cell and five minutes: mean time to accept, response heat.</summary>
    [Id(6)] public List<AcceptSlot> AcceptSlots { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("dispatch.live.accept-sample")]
public sealed record AcceptSample(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Cell,
    [property: Id(2)] double Seconds);

/// <summary>The offers accepted in one heat cell within the five minutes from <see cref="Start"/>.</summary>
[GenerateSerializer, Alias("dispatch.live.accept-slot")]
public sealed class AcceptSlot
{
    [Id(0)] public DateTimeOffset Start { get; set; }

    [Id(1)] public string Cell { get; set; } = "";

    [Id(2)] public int Count { get; set; }

    /// <summary>Their times to accept, summed.</summary>
    [Id(3)] public double Seconds { get; set; }
}

/// <summary>
/// A region board's markers: its open tickets and its engineers, by id. The ones that moved are stored every few
/// seconds (<see cref="IBoardMarkerStore"/>); what moved since is repeated by the next report. Earlier releases stored
/// the whole of it as the grain state "live-board-markers", which the board reads once and moves to the store.
/// </summary>
[GenerateSerializer, Alias("dispatch.live.region-board-markers")]
public sealed class RegionBoardMarkers
{
    [Id(0)] public Dictionary<string, TicketMarker> Tickets { get; set; } = [];

    [Id(1)] public Dictionary<string, EngineerMarker> Engineers { get; set; } = [];
}
