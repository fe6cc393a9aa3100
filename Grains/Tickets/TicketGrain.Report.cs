using Dispatch.Domain.Tickets;
using Dispatch.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dispatch.Grains.Tickets;

public sealed partial class TicketGrain
{
    public Task<TicketReply> ResolveWithReport(Actor by, ServiceReportInput report, DateTimeOffset? at)
    {
        var rule = T.Request is { } request
            ? ServiceProvider.GetRequiredService<IOptions<ServiceReportOptions>>().Value.RuleFor(request.ServiceType)
            : null;
        var domain = new ServiceReport(report.ChecksDone, report.FaultCode, report.Notes, report.PartsUsed, report.PhotoIds, report.SignatureId);
        return Decide((ticket, now) => ticket.Resolve(By(by), Summary(report), domain, rule, at, now));
    }

    /// <summary>The resolution's words on the timeline: the notes, and the parts used as before.</summary>
    private static string? Summary(ServiceReportInput report) =>
        report.PartsUsed.Count == 0 ? report.Notes : $"{report.Notes} (parts used: {string.Join(", ", report.PartsUsed)})".Trim();
}
