using Dispatch.Domain.Engineers;
using Dispatch.Grains.Events;

namespace Dispatch.Grains.Engineers;

/// <summary>
/// What an engineer grain keeps (ids fixed by what earlier releases wrote): the <see cref="Domain.Engineers.Engineer"/>
/// aggregate's record as stored, written together with the events of each change (<see cref="IJournaledState"/>).
/// </summary>
[GenerateSerializer, Alias("dispatch.engineer-state")]
public sealed class EngineerState : IJournaledState
{
    [Id(0)] public EngineerProfile? Profile { get; set; }

    /// <summary>What the engineer says: Available, OnBreak or Offline. Their shown status also reflects their work.</summary>
    public ShownStatus Presence { get => _presence; set => _presence = value; }

    // Stored as the number engineers' state always held (StoredPresence).
    [Id(1)] internal int PresenceNumber { get => StoredPresence.Number(Presence); set => Presence = StoredPresence.Read(value); }

    /// <summary>The last trusted position: the one dispatch uses.</summary>
    [Id(2)] public StoredPosition? Position { get; set; }

    /// <summary>The last report, trusted or not (a flagged jump is kept here, not in <see cref="Position"/>).</summary>
    [Id(3)] public StoredPosition? LastReport { get; set; }
    [Id(4)] public string? Region { get; set; }
    [Id(5)] public HeldOffer? Offer { get; set; }
    [Id(6)] public Dictionary<string, JobStage> Jobs { get; set; } = [];
    [Id(7)] public DateOnly DoneOn { get; set; }
    [Id(8)] public int DoneCount { get; set; }

    /// <summary>The sequence number of this engineer's latest event (0 for engineers stored before events were logged).</summary>
    [Id(9)] public long LastEventSequence { get; set; }

    [NonSerialized] private ShownStatus _presence = ShownStatus.Offline;
    [NonSerialized] private IReadOnlyList<DomainEvent> _eventsToWrite = [];

    IReadOnlyList<DomainEvent> IJournaledState.EventsToWrite { get => _eventsToWrite; set => _eventsToWrite = value; }
}

[GenerateSerializer, Immutable, Alias("dispatch.stored-position")]
public sealed record StoredPosition(
    [property: Id(0)] double Lat,
    [property: Id(1)] double Lon,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] double? AccuracyMeters,
    [property: Id(4)] bool Flagged);

[GenerateSerializer, Immutable, Alias("dispatch.held-offer")]
public sealed record HeldOffer(
    [property: Id(0)] string TicketId,
    [property: Id(1)] DateTimeOffset OfferedAt,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] double DistanceMeters,
    [property: Id(4)] TimeSpan Eta);

/// <summary>Where one of the engineer's jobs stands, as stored; the same values as <see cref="Domain.Engineers.JobStep"/>, cast between them.</summary>
public enum JobStage
{
    Accepted,
    EnRoute,
    OnSite,
    WaitingForParts,
}
