namespace Dispatch.Domain.Tickets;

/// <summary>One step of a service type's checklist; a required one must be done before the ticket is resolved.</summary>
public sealed record ChecklistStep(string Id, string Text, bool Required);

/// <summary>
/// What a resolution of a service type must report, as admins configured it: its checklist's required steps done,
/// and a fault code from the catalogue. A service type without a rule is resolved without a report.
/// </summary>
public sealed record ServiceReportRule(IReadOnlyList<ChecklistStep> Checklist, IReadOnlySet<string> FaultCodes)
{
    /// <summary>Why the report is not enough to resolve, or null when it is.</summary>
    public string? Shortfall(ServiceReport report)
    {
        var missing = Checklist.Where(s => s.Required && !report.ChecksDone.Contains(s.Id)).Select(s => $"'{s.Text}' ({s.Id})").ToList();
        var problems = new List<string>();
        if (missing.Count > 0)
        {
            problems.Add($"required checklist steps not done: {string.Join(", ", missing)}");
        }
        if (report.FaultCode is null)
        {
            problems.Add("a fault code is required");
        }
        else if (!FaultCodes.Contains(report.FaultCode))
        {
            problems.Add($"'{report.FaultCode}' is not a fault code of the catalogue");
        }
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
