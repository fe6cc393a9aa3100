namespace Dispatch.Web.Api.Engineers;

/// <summary>The body of PUT /api/engineers/{id}.</summary>
public sealed record EngineerRequest(
    string? Name,
    Dictionary<string, int>? Skills,
    Tickets.LocationRequest? HomeBase,
    string? ShiftCalendar,
    int? Capacity,
    string? Phone);

public sealed record PresenceRequest(string? Status);

public sealed record PositionRequest(double? Lat, double? Lon, DateTimeOffset? At, double? Accuracy);

public sealed record FieldActionRequest(DateTimeOffset? At, string? Reason, string? Notes, List<string>? PartsUsed);

public sealed record AssignRequest(string? EngineerId, string? Reason);
