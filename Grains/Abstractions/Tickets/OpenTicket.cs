using Dispatch.Domain.Geo;
using Dispatch.Domain.Sla;
using Dispatch.Grains.Storage;

namespace Dispatch.Grains.Tickets;

/// <summary>
/// A request from a channel (受理 intake), already checked for form by the web layer. OpenedBy is the caller the
/// intake belongs to (its channel or token subject): only that caller's intake keys reach this ticket.
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatch.open-ticket")]
public sealed record OpenTicket(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Description,
    [property: Id(3)] string ServiceType,
    Priority Priority,
    Position Location,
    [property: Id(6)] IReadOnlyList<string> RequiredSkills,
    [property: Id(7)] string Channel,
    [property: Id(8)] string? ExternalId,
    [property: Id(9)] string? OpenedBy = null)
{
    [NonSerialized] private Priority _priority = Priority;
    [NonSerialized] private Position _location = Location;

    public Priority Priority { get => _priority; init => _priority = value; }

    public Position Location { get => _location; init => _location = value; }

    // Stored by name, as tickets always held it (StoredNames).
    [Id(4)] internal string PriorityName { get => StoredNames.Of(_priority); set => _priority = StoredNames.Parse<Priority>(value); }

    // Stored as the point object tickets always held (StoredPoint).
    [Id(5)] internal StoredPoint LocationStored { get => StoredPoint.Of(_location); set => _location = StoredPoint.Read(value); }
}
