using Dispatch.Domain.Engineers;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Storage;
using Dispatch.Grains.Tickets;

namespace Dispatch.Grains.Live;

// What the live console and the engineer app receive. Pushed over SignalR as JSON (camelCase); the same
// shapes come back from the snapshot that a client reads after (re)connecting, so a missed push is never lost.

/// <summary>An open (or just closed) ticket on the map.</summary>
/// <param name="SlaState">The worst of its clocks: running, warning, breached, paused, met, or none.</param>
[GenerateSerializer, Immutable, Alias("dispatch.live.ticket")]
public sealed record TicketMarker(
    [property: Id(0)] string Id,
    TicketStatus Status,
    Priority Priority,
    [property: Id(3)] double Lat,
    [property: Id(4)] double Lon,
    [property: Id(5)] string SlaState,
    [property: Id(6)] DateTimeOffset? NextDueAt,
    [property: Id(7)] int EscalationLevel,
    [property: Id(8)] string? EngineerId,
    [property: Id(9)] string? Region,
    [property: Id(10)] string Title,
    [property: Id(11)] string CustomerId,
    [property: Id(12)] string ServiceType,
    [property: Id(13)] DateTimeOffset CreatedAt,
    [property: Id(14)] bool Open,
    [property: Id(15)] double Risk,
    [property: Id(16)] DateTimeOffset ChangedAt,
    // Which clock NextDueAt belongs to ("response", "arrival", ...), so that "next due" names its clock.
    [property: Id(17)] string? NextDueMetric = null)
{
    [NonSerialized] private TicketStatus _status = Status;
    [NonSerialized] private Priority _priority = Priority;

    public TicketStatus Status { get => _status; init => _status = value; }

    public Priority Priority { get => _priority; init => _priority = value; }

    // Stored by name in the region boards' state, as before these were typed (StoredNames).
    [Id(1)] internal string StatusName { get => StoredNames.Of(_status); set => _status = StoredNames.Parse<TicketStatus>(value); }

    [Id(2)] internal string PriorityName { get => StoredNames.Of(_priority); set => _priority = StoredNames.Parse<Priority>(value); }
}

/// <summary>An engineer on the map.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.live.engineer")]
public sealed record EngineerMarker(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    ShownStatus Status,
    [property: Id(3)] double Lat,
    [property: Id(4)] double Lon,
    [property: Id(5)] DateTimeOffset PositionAt,
    [property: Id(6)] string? Region,
    [property: Id(7)] int Jobs)
{
    [NonSerialized] private ShownStatus _status = Status;

    public ShownStatus Status { get => _status; init => _status = value; }

    // Stored by name in the region boards' state, as before it was typed (StoredNames).
    [Id(2)] internal string StatusName { get => StoredNames.Of(_status); set => _status = StoredNames.Parse<ShownStatus>(value); }
}

/// <summary>An SLA warning, breach, escalation or customer alert in the feed.</summary>
/// <param name="Kind">warning, breach, escalation, rule, health-low or process-review.</param>
[GenerateSerializer, Immutable, Alias("dispatch.live.alert")]
public sealed record AlertNote(
    [property: Id(0)] string Id,
    [property: Id(1)] string? TicketId,
    [property: Id(2)] string? CustomerId,
    [property: Id(3)] string Kind,
    [property: Id(4)] int Level,
    [property: Id(5)] string? Metric,
    [property: Id(6)] string? Role,
    [property: Id(7)] string Message,
    [property: Id(8)] DateTimeOffset At,
    [property: Id(9)] string? Region,
    [property: Id(10)] bool Acknowledged = false,
    [property: Id(11)] string? AcknowledgedBy = null);

/// <summary>One heatmap grid cell of one layer (demand, risk or response), at its centre.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.live.heat")]
public sealed record HeatCell(
    [property: Id(0)] string Layer,
    [property: Id(1)] string Cell,
    [property: Id(2)] double Lat,
    [property: Id(3)] double Lon,
    [property: Id(4)] double Value);

/// <summary>The KPI tiles.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.live.kpis")]
public sealed record Kpis(
    [property: Id(0)] int OpenBacklog,
    [property: Id(1)] int Unassigned,
    [property: Id(2)] int AtRisk,
    [property: Id(3)] int BreachedToday,
    [property: Id(4)] double? MeanTimeToAcceptSeconds,
    [property: Id(5)] double? SlaComplianceToday,
    [property: Id(6)] DateTimeOffset At,
    // The service's today ([start, end) in its time zone) that "breached today" and "compliance today" count: what the
    // tiles' links ask the search and the reports for.
    [property: Id(7)] DateTimeOffset? DayStart = null,
    [property: Id(8)] DateTimeOffset? DayEnd = null);

/// <summary>Everything the console shows, as of now: what a client reads after connecting or reconnecting.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.live.snapshot")]
public sealed record BoardSnapshot(
    [property: Id(0)] IReadOnlyList<TicketMarker> Tickets,
    [property: Id(1)] IReadOnlyList<EngineerMarker> Engineers,
    [property: Id(2)] IReadOnlyList<AlertNote> Alerts,
    [property: Id(3)] IReadOnlyList<HeatCell> Heat,
    [property: Id(4)] Kpis Kpis);

/// <summary>A new offer pushed to the engineer's phone.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.live.offer")]
public sealed record OfferPush(
    [property: Id(0)] string EngineerId,
    [property: Id(1)] string TicketId,
    [property: Id(2)] string Title,
    [property: Id(3)] string CustomerId,
    [property: Id(4)] double Lat,
    [property: Id(5)] double Lon,
    [property: Id(6)] double DistanceMeters,
    [property: Id(7)] TimeSpan Eta,
    [property: Id(8)] DateTimeOffset ExpiresAt,
    [property: Id(9)] IReadOnlyList<SlaClockView> Sla);

/// <summary>One region board's markers and latest alerts (newest first).</summary>
[GenerateSerializer, Immutable, Alias("dispatch.live.region-view")]
public sealed record RegionBoardView(
    [property: Id(0)] IReadOnlyList<TicketMarker> Tickets,
    [property: Id(1)] IReadOnlyList<EngineerMarker> Engineers,
    [property: Id(2)] IReadOnlyList<AlertNote> Alerts);

/// <summary>
/// One region's share of the KPIs and the heatmap, as sums and counts that add up across regions (a mean
/// or a ratio does not): a cell on a region's border gathers from both sides.
/// </summary>
/// <param name="Heat">Demand and risk cells (additive).</param>
/// <param name="Responses">Times to accept in the last hour, per cell.</param>
[GenerateSerializer, Immutable, Alias("dispatch.live.region-tally")]
public sealed record RegionTally(
    [property: Id(0)] int OpenBacklog,
    [property: Id(1)] int Unassigned,
    [property: Id(2)] int AtRisk,
    [property: Id(3)] int BreachedToday,
    [property: Id(4)] double AcceptSecondsSum,
    [property: Id(5)] int Accepts,
    [property: Id(6)] int MetToday,
    [property: Id(7)] int ResolvedToday,
    [property: Id(8)] IReadOnlyList<HeatCell> Heat,
    [property: Id(9)] IReadOnlyList<ResponseTally> Responses);

/// <summary>The accepts of the last hour in one heat cell: their count and summed seconds.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.live.response-tally")]
public sealed record ResponseTally(
    [property: Id(0)] string Cell,
    [property: Id(1)] int Accepts,
    [property: Id(2)] double SecondsSum);

/// <summary>The merged heatmap and KPI tiles.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.live.summary")]
public sealed record BoardSummary(
    [property: Id(0)] IReadOnlyList<HeatCell> Heat,
    [property: Id(1)] Kpis Kpis);
