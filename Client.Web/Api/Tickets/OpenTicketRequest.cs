namespace Dispatch.Web.Api.Tickets;

/// <summary>The body of POST /api/tickets. Everything is nullable so that a missing field can be named.</summary>
public sealed record OpenTicketRequest(
    string? CustomerId,
    string? Title,
    string? Description,
    string? ServiceType,
    string? Priority,
    LocationRequest? Location,
    List<string>? RequiredSkills,
    string? Channel,
    string? ExternalId);

public sealed record LocationRequest(double? Lat, double? Lon);

public sealed record NoteRequest(string? Note);

public sealed record ReasonRequest(string? Reason);

public sealed record ResolveRequest(string? Notes);

public sealed record SurveyRequest(int? Csat, int? Nps, string? Comment, string? BlamedStage, int? Ces = null);

public sealed record PriorityRequest(string? Priority, string? Reason);
