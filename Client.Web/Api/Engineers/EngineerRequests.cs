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

public sealed record FieldActionRequest(DateTimeOffset? At, string? Reason, string? Notes, List<string>? PartsUsed, ServiceReportRequest? Report = null);

/// <summary>The service report sent with "resolved": checklist step ids done, a fault code, stored photo and signature ids.</summary>
public sealed record ServiceReportRequest(List<string>? ChecksDone, string? FaultCode, List<string>? PhotoIds, string? SignatureId);

public sealed record AssignRequest(string? EngineerId, string? Reason);
