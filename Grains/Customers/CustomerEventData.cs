using System.Text.Json;
using Dispatch.Domain.Customers;

namespace Dispatch.Grains.Customers;

/// <summary>The JSON objects that go into the data of customer events: camelCase, like the HTTP API.</summary>
internal static class CustomerEventData
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Registered(CustomerProfile profile) =>
        JsonSerializer.Serialize(new { profile }, Json);

    public static string Updated(CustomerProfile profile, IReadOnlyList<string> changed) =>
        JsonSerializer.Serialize(new { profile, changed }, Json);

    public static string Survey(SurveyResponse response) =>
        JsonSerializer.Serialize(new
        {
            ticketId = response.TicketId,
            csat = response.Survey.Csat,
            nps = response.Survey.Nps,
            comment = response.Survey.Comment,
            blamedStage = response.Survey.BlamedStage,
            at = response.At,
        }, Json);

    public static string HealthLow(CustomerHealthScore score, int? previousScore, int threshold) =>
        JsonSerializer.Serialize(new
        {
            score = score.Score,
            previousScore,
            threshold,
            penalties = score.Penalties.Select(p => new { factor = p.Factor, points = p.Points, reason = p.Reason }),
        }, Json);

    public static string ProcessReview(string stage, IReadOnlyList<string> ticketIds) =>
        JsonSerializer.Serialize(new { stage, ticketIds }, Json);
}
