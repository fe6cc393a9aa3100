using Dispatch.Domain.Geo;
using Dispatch.Grains.Storage;

namespace Dispatch.Grains.Engineers;

/// <summary>Who an engineer is and what they can do: PUT /api/engineers/{id}.</summary>
/// <param name="Skills">Skill tag → proficiency 0-100.</param>
/// <param name="ShiftCalendar">The SLA book calendar that is their shift; null means always on shift.</param>
/// <param name="Capacity">How many jobs they may hold at once.</param>
[GenerateSerializer, Immutable, Alias("dispatch.engineer-profile")]
public sealed record EngineerProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyDictionary<string, int> Skills,
    Position HomeBase,
    [property: Id(3)] string? ShiftCalendar,
    [property: Id(4)] int Capacity = 1,
    [property: Id(5)] string? Phone = null)
{
    [NonSerialized] private Position _homeBase = HomeBase;

    public Position HomeBase { get => _homeBase; init => _homeBase = value; }

    // Stored as the point object engineers' profiles always held (StoredPoint).
    [Id(2)] internal StoredPoint HomeBaseStored { get => StoredPoint.Of(_homeBase); set => _homeBase = StoredPoint.Read(value); }
}

/// <summary>Where the engineer's device says it is, and when it measured that.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.position-report")]
public sealed record PositionReport(
    [property: Id(0)] double Lat,
    [property: Id(1)] double Lon,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] double? AccuracyMeters);

/// <summary>What happened to a position report.</summary>
public enum PositionOutcome
{
    Accepted,

    /// <summary>Older than the last one taken: out of order or stale, ignored.</summary>
    Ignored,

    /// <summary>Implies a speed no vehicle has: kept for the record, flagged, not used for dispatch.</summary>
    Flagged,
}
