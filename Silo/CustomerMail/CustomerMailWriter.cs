using System.Globalization;
using System.Text;
using System.Text.Json;
using Dispatch.Grains.Mail;
using Dispatch.Grains.Tickets;
using NodaTime;

namespace Dispatch.Silo.CustomerMail;

/// <summary>The words of the e-mails a customer gets at a ticket's milestones; the resolution's carries the service report.</summary>
public sealed class CustomerMailWriter(ServiceReportOptions report, DateTimeZone zone)
{
    public MailMessage Write(string to, string logType, CustomerNotice notice, JsonElement data)
    {
        var engineer = notice.EngineerFirstName ?? "an engineer";
        var (subject, opening) = logType switch
        {
            CustomerMilestones.Offered => ($"We are assigning an engineer to your request {notice.TicketId}",
                $"We have found an engineer near you, {engineer}, and asked them to take your request \"{notice.Title}\"."),
            CustomerMilestones.Accepted => ($"{Capital(engineer)} will handle your request {notice.TicketId}",
                $"{Capital(engineer)} has taken your request \"{notice.Title}\" and will set off to you."),
            CustomerMilestones.EnRoute => ($"{Capital(engineer)} is on the way ({notice.TicketId})",
                $"{Capital(engineer)} is on the way to you for your request \"{notice.Title}\"."),
            CustomerMilestones.Resolved => ($"Your request {notice.TicketId} is done: the service report",
                $"{Capital(engineer)} has finished the work on your request \"{notice.Title}\"."),
            _ => throw new ArgumentOutOfRangeException(nameof(logType), logType, "not a customer milestone"),
        };
        var body = new StringBuilder();
        body.AppendLine(notice.CustomerName is { } name ? $"Dear {name}," : "Hello,").AppendLine();
        body.AppendLine(opening);
        if (notice.Eta is { } eta)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"Expected arrival: around {Instant.FromDateTimeOffset(eta).InZone(zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({zone.Id}).");
        }
        if (logType == CustomerMilestones.Resolved)
        {
            body.AppendLine();
            AppendReport(body, data);
            body.AppendLine();
            body.AppendLine("Please confirm the job is done, or tell us it is not, and tell us how it went (it takes a minute):");
        }
        else
        {
            body.AppendLine();
            body.AppendLine("Follow your request here:");
        }
        body.AppendLine(notice.StatusLink ?? "(the link to your request is not available; reply to this e-mail and we will help)");
        body.AppendLine().AppendLine("Dispatch");
        return new MailMessage(to, subject, body.ToString());
    }

    /// <summary>The service report as the resolution's event holds it (README, "Field app": report.* details).</summary>
    private void AppendReport(StringBuilder body, JsonElement data)
    {
        string? Detail(string key) => data.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object
            && details.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        static string[] List(string? joined) => joined is null ? [] : joined.Split(',', StringSplitOptions.RemoveEmptyEntries);

        body.AppendLine("Service report");
        var summary = data.TryGetProperty("why", out var why) && why.ValueKind == JsonValueKind.String ? why.GetString() : null;
        body.AppendLine(CultureInfo.InvariantCulture, $"  Summary: {(string.IsNullOrWhiteSpace(summary) ? "-" : summary)}");
        if (Detail("report.faultCode") is { } code)
        {
            var text = report.FaultCodes.FirstOrDefault(f => f.Code == code)?.Text;
            body.AppendLine(CultureInfo.InvariantCulture, $"  Fault: {code}{(text is null ? "" : $" ({text})")}");
        }
        var parts = List(Detail("report.parts")).Select(id => report.Parts.FirstOrDefault(p => p.Id == id)?.Name ?? id).ToList();
        body.AppendLine(CultureInfo.InvariantCulture, $"  Parts used: {(parts.Count == 0 ? "none" : string.Join(", ", parts))}");
        var checks = List(Detail("report.checks"));
        if (checks.Length > 0)
        {
            var steps = report.Checklists.Values.SelectMany(s => s).ToList();
            body.AppendLine("  Checklist done:");
            foreach (var check in checks)
            {
                body.AppendLine(CultureInfo.InvariantCulture, $"    [x] {steps.FirstOrDefault(s => s.Id == check)?.Text ?? check}");
            }
        }
        var photos = List(Detail("report.photos")).Length;
        if (photos > 0)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"  Photos: {photos}");
        }
        body.AppendLine(Detail("report.signature") is null ? "  Customer's signature: not taken" : "  Customer's signature: taken on site");
    }

    private static string Capital(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
}
