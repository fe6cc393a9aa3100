namespace Dispatch.Grains.Tickets;

/// <summary>
/// What a service report is made of, as admins configure it (section "ServiceReports" of the service catalogue):
/// a checklist per service type, the fault codes, the parts list and how big a photo may be. The field app shows
/// it; the web node checks reports against it; the ticket enforces the checklist and the fault code.
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatch.service-report-catalog")]
public sealed record ServiceReportCatalog(
    [property: Id(0)] IReadOnlyDictionary<string, IReadOnlyList<ChecklistStepView>> Checklists,
    [property: Id(1)] IReadOnlyList<FaultCodeView> FaultCodes,
    [property: Id(2)] IReadOnlyList<PartView> Parts,
    [property: Id(3)] int PhotoMaxBytes,
    [property: Id(4)] int PhotosPerTicket);

[GenerateSerializer, Immutable, Alias("dispatch.checklist-step")]
public sealed record ChecklistStepView([property: Id(0)] string Id, [property: Id(1)] string Text, [property: Id(2)] bool Required);

[GenerateSerializer, Immutable, Alias("dispatch.fault-code")]
public sealed record FaultCodeView([property: Id(0)] string Code, [property: Id(1)] string Text);

[GenerateSerializer, Immutable, Alias("dispatch.part")]
public sealed record PartView([property: Id(0)] string Id, [property: Id(1)] string Name);

/// <summary>The engineer's report sent with "resolved": ids of checklist steps, parts, and stored photos.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.service-report-input")]
public sealed record ServiceReportInput(
    [property: Id(0)] IReadOnlyList<string> ChecksDone,
    [property: Id(1)] string? FaultCode,
    [property: Id(2)] string? Notes,
    [property: Id(3)] IReadOnlyList<string> PartsUsed,
    [property: Id(4)] IReadOnlyList<string> PhotoIds,
    [property: Id(5)] string? SignatureId);
