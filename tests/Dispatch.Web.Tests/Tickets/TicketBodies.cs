using System.Text.Json.Nodes;

namespace Dispatch.Web.Tests.Tickets;

/// <summary>A valid POST /api/tickets body, and copies of it with one thing wrong.</summary>
internal static class TicketBodies
{
    public static JsonObject Valid(string customerId, string? externalId = null)
    {
        var body = new JsonObject
        {
            ["customerId"] = customerId,
            ["title"] = "Chiller alarm in the server room",
            ["description"] = "Compressor trips after five minutes",
            ["serviceType"] = "repair",
            ["priority"] = "P2",
            ["location"] = new JsonObject { ["lat"] = 31.2304, ["lon"] = 121.4737 },
            ["requiredSkills"] = new JsonArray("hvac", "electrical"),
            ["channel"] = "phone",
        };
        if (externalId is not null)
        {
            body["externalId"] = externalId;
        }
        return body;
    }

    public static string With(string customerId, Action<JsonObject> change)
    {
        var body = Valid(customerId);
        change(body);
        return body.ToJsonString();
    }
}
