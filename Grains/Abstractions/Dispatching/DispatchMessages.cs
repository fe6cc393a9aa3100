using Dispatch.Domain.Geo;
using Dispatch.Domain.Sla;
using Dispatch.Grains.Storage;
using Dispatch.Grains.Tickets;

namespace Dispatch.Grains.Dispatching;

/// <summary>A ticket asking its region for an engineer.</summary>
/// <param name="ResponseRemaining">Business time left on the response clock: urgency in the score.</param>
/// <param name="Widening">How much wider than the region's radius to search, after escalations.</param>
/// <param name="Excluded">Engineers who declined or let the offer expire: never offered this ticket again.</param>
[GenerateSerializer, Immutable, Alias("dispatch.dispatch-request")]
public sealed record DispatchRequest(
    [property: Id(0)] string TicketId,
    Position Location,
    [property: Id(2)] IReadOnlyList<string> RequiredSkills,
    Priority Priority,
    [property: Id(4)] TimeSpan? ResponseRemaining,
    [property: Id(5)] double Widening,
    [property: Id(6)] IReadOnlyList<string> Excluded,
    [property: Id(7)] DateTimeOffset RequestedAt)
{
    [NonSerialized] private Priority _priority = Priority;
    [NonSerialized] private Position _location = Location;

    public Priority Priority { get => _priority; init => _priority = value; }

    public Position Location { get => _location; init => _location = value; }

    // Stored by name, as regions' queues always held it (StoredNames).
    [Id(3)] internal string PriorityName { get => StoredNames.Of(_priority); set => _priority = StoredNames.Parse<Priority>(value); }

    // Stored as the point object regions' queues always held (StoredPoint).
    [Id(1)] internal StoredPoint LocationStored { get => StoredPoint.Of(_location); set => _location = StoredPoint.Read(value); }
}

/// <summary>What a region asks an engineer to hold itself for.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.offer-request")]
public sealed record OfferRequest(
    [property: Id(0)] string TicketId,
    [property: Id(1)] DateTimeOffset ExpiresAt,
    [property: Id(2)] double DistanceMeters,
    [property: Id(3)] TimeSpan Eta);

/// <summary>What a region indexes about an engineer.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.engineer-snapshot")]
public sealed record EngineerSnapshot(
    [property: Id(0)] string EngineerId,
    [property: Id(1)] Position Position,
    [property: Id(2)] IReadOnlyDictionary<string, int> Skills,
    [property: Id(3)] int Capacity,
    [property: Id(4)] int ActiveJobs,
    [property: Id(5)] bool Available,
    [property: Id(6)] string? Region,
    [property: Id(7)] DateTimeOffset PositionAt);

/// <summary>What one silo's engineers told a region in the last tenth of a second: how each now stands, and who left.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.roster-changes")]
public sealed record RosterChanges(
    [property: Id(0)] IReadOnlyList<EngineerSnapshot> Engineers,
    [property: Id(1)] IReadOnlyList<string> Left);

/// <summary>One engineer a region could send, scored: the "why this engineer" of the timeline.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.scored-candidate")]
public sealed record ScoredCandidate(
    [property: Id(0)] string EngineerId,
    [property: Id(1)] string Region,
    [property: Id(2)] double DistanceMeters,
    [property: Id(3)] TimeSpan Eta,
    [property: Id(4)] double EtaCost,
    [property: Id(5)] double ProficiencyCost,
    [property: Id(6)] double LoadCost,
    [property: Id(7)] double UrgencyCost,
    [property: Id(8)] double Total);

/// <summary>A region as dispatchers see it: GET /api/regions/{id}.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.region-view")]
public sealed record RegionView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Mode,
    [property: Id(3)] bool AutoAccept,
    [property: Id(4)] IReadOnlyList<string> Neighbours,
    [property: Id(5)] IReadOnlyList<QueuedTicket> Queue,
    [property: Id(6)] IReadOnlyList<EngineerSnapshot> Engineers);

[GenerateSerializer, Immutable, Alias("dispatch.queued-ticket")]
public sealed record QueuedTicket([property: Id(0)] string TicketId, [property: Id(1)] Priority Priority, [property: Id(2)] DateTimeOffset Since);
