using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Engineers;

/// <summary>A position the engineer's phone reported, at the time that counts for it.</summary>
/// <param name="Flagged">Implies a speed no vehicle has: kept for the record, never used for dispatch.</param>
public sealed record Fix(Position Point, DateTimeOffset At, double? AccuracyMeters, bool Flagged);
