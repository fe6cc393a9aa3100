using System.Text.Json.Nodes;

namespace Dispatch.Web.Tests.Customers;

/// <summary>A valid PUT /api/customers body, and copies of it with one thing wrong.</summary>
internal static class CustomerBodies
{
    public static JsonObject Valid() => new()
    {
        ["name"] = "Northwind Clinics",
        ["tier"] = "vip",
        ["sites"] = new JsonArray(
            new JsonObject { ["id"] = "hq", ["name"] = "Head office", ["lat"] = 31.2304, ["lon"] = 121.4737, ["address"] = "1 Bund Road" },
            new JsonObject { ["id"] = "lab", ["name"] = "Lab", ["lat"] = -33.86, ["lon"] = 151.2 }),
        ["contract"] = new JsonObject { ["id"] = "c-2026", ["slaPolicyId"] = "vip-critical", ["validFrom"] = "2026-01-01", ["validTo"] = "2026-12-31" },
        ["phone"] = "+86 21 5555 0000",
        ["email"] = "ops@northwind.example",
    };

    /// <summary>The valid body with <paramref name="change"/> applied, as JSON text.</summary>
    public static string With(Action<JsonObject> change)
    {
        var body = Valid();
        change(body);
        return body.ToJsonString();
    }

    public static JsonObject Site(JsonObject body, int index) => (JsonObject)body["sites"]![index]!;

    public static JsonObject Contract(JsonObject body) => (JsonObject)body["contract"]!;
}
