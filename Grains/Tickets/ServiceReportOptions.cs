using Dispatch.Domain.Tickets;

namespace Dispatch.Grains.Tickets;

/// <summary>Configuration section "ServiceReports" (in service-catalog.json): what a service report is made of.</summary>
public sealed class ServiceReportOptions
{
    public const string SectionName = "ServiceReports";

    /// <summary>Checklist per service type; a service type listed here must be resolved with a report.</summary>
    public Dictionary<string, List<ChecklistStepView>> Checklists { get; set; } = [];

    public List<FaultCodeView> FaultCodes { get; set; } = [];

    public List<PartView> Parts { get; set; } = [];

    /// <summary>The largest photo (or signature image) stored, in bytes; below the API's 1 MB body limit.</summary>
    public int PhotoMaxBytes { get; set; } = 512 * 1024;

    public int PhotosPerTicket { get; set; } = 6;

    public ServiceReportCatalog Catalog() => new(
        Checklists.ToDictionary(c => c.Key, c => (IReadOnlyList<ChecklistStepView>)[.. c.Value]),
        [.. FaultCodes], [.. Parts], PhotoMaxBytes, PhotosPerTicket);

    /// <summary>The rule a resolution of this service type must meet, or null when it needs no report.</summary>
    public ServiceReportRule? RuleFor(string serviceType) =>
        Checklists.TryGetValue(serviceType, out var steps)
            ? new ServiceReportRule([.. steps.Select(s => new ChecklistStep(s.Id, s.Text, s.Required))], FaultCodes.Select(f => f.Code).ToHashSet(StringComparer.Ordinal))
            : null;
}
