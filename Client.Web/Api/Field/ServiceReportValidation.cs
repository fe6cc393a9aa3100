using Dispatch.Grains.Tickets;
using Dispatch.Web.Api.Engineers;

namespace Dispatch.Web.Api.Field;

/// <summary>
/// A service report's fields judged against the catalogue, each bad one named: steps of some checklist, a fault code
/// and parts of the catalogue, photos stored for this ticket. Whether the required steps are all done is the
/// ticket's rule (Domain/Tickets/ServiceReportRule), not this one's.
/// </summary>
public static class ServiceReportValidation
{
    public static async Task<ServiceReportInput> CheckAsync(string ticketId, FieldActionRequest body, IClusterClient cluster, HttpContext http, FieldErrors errors)
    {
        var report = body.Report;
        var parts = body.PartsUsed ?? [];
        if (report is null)
        {
            return new ServiceReportInput([], null, body.Notes, parts, [], null);
        }
        var catalog = (await cluster.Grain<IServiceCatalogGrain>(0).Read()).Reports;
        var steps = catalog?.Checklists.Values.SelectMany(c => c).Select(s => s.Id).ToHashSet() ?? [];
        var checks = report.ChecksDone ?? [];
        for (var i = 0; i < checks.Count; i++)
        {
            if (!steps.Contains(checks[i]))
            {
                errors.Add($"report.checksDone[{i}]", "not a step of any checklist");
            }
        }
        if (report.FaultCode is { } code && catalog?.FaultCodes.Any(f => f.Code == code) != true)
        {
            errors.Add("report.faultCode", "not a fault code of the catalogue (GET /api/field/catalog lists them)");
        }
        if (catalog?.Parts is { Count: > 0 } known)
        {
            for (var i = 0; i < parts.Count; i++)
            {
                if (!known.Any(p => p.Id == parts[i]))
                {
                    errors.Add($"partsUsed[{i}]", "not a part of the parts list (GET /api/field/catalog lists them)");
                }
            }
        }
        var photoIds = new List<Guid>();
        var named = (report.PhotoIds ?? []).Select((p, i) => ($"report.photoIds[{i}]", p)).ToList();
        if (report.SignatureId is { } signature)
        {
            named.Add(("report.signatureId", signature));
        }
        foreach (var (field, value) in named)
        {
            if (Guid.TryParse(value, out var photo))
            {
                photoIds.Add(photo);
            }
            else
            {
                errors.Add(field, "not a stored photo's id");
            }
        }
        if (photoIds.Count > 0 && !errors.Any && PhotoEndpoints.PhotoStoreOf(http) is { } store)
        {
            var stored = await store.OfTicketAsync(ticketId, photoIds, http.RequestAborted);
            foreach (var (field, value) in named.Where(n => !stored.Contains(Guid.Parse(n.Item2))))
            {
                errors.Add(field, "no such photo stored for this ticket");
            }
        }
        return new ServiceReportInput(checks, report.FaultCode, body.Notes, parts, report.PhotoIds ?? [], report.SignatureId);
    }
}
