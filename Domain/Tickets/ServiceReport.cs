namespace Dispatch.Domain.Tickets;

/// <summary>
/// What the engineer reports when the job is done: the checklist steps done, the fault found (a code of the
/// catalogue), notes, parts used, photos and the customer's signature (by their stored ids).
/// </summary>
public sealed record ServiceReport(
    IReadOnlyList<string> ChecksDone,
    string? FaultCode,
    string? Notes,
    IReadOnlyList<string> PartsUsed,
    IReadOnlyList<string> PhotoIds,
    string? SignatureId)
{
    public static readonly ServiceReport Empty = new([], null, null, [], [], null);

    /// <summary>The report as the resolution's timeline entry carries it, so that the ticket view shows it.</summary>
    public IReadOnlyDictionary<string, string> AsDetails()
    {
        var details = new Dictionary<string, string>();
        void Put(string key, IReadOnlyList<string> values)
        {
            if (values.Count > 0)
            {
                details[key] = string.Join(",", values);
            }
        }
        Put("report.checks", ChecksDone);
        if (FaultCode is not null)
        {
            details["report.faultCode"] = FaultCode;
        }
        Put("report.parts", PartsUsed);
        Put("report.photos", PhotoIds);
        if (SignatureId is not null)
        {
            details["report.signature"] = SignatureId;
        }
        return details;
    }
}
