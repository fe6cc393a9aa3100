using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Dispatch.Web.Tests.Hostile;

/// <summary>One hostile request: who sends it, where, and the body (built when sent: some are 50 MB).</summary>
public sealed record HostileRequest(string Name, string Role, HttpMethod Method, string Path, Func<HostileWorld, HttpContent?> Body);

/// <summary>
/// Every write endpoint of the API, each with a valid body, and the hostile variants of each: bad text, bad
/// numbers and timestamps, wrong JSON types, missing and unknown fields, duplicate keys, bad ids in the path,
/// bodies that are empty, huge, deeply nested or not JSON. Paths name the world's ticket, engineer, customer and
/// policy as {ticket}, {engineer}, {customer}, {policy}.
/// </summary>
public static class HostileRequests
{
    private sealed record Endpoint(
        string Name, string Role, HttpMethod Method, string Path, Func<JsonObject>? Valid,
        string[]? Text = null, string[]? Numbers = null, string[]? Counts = null, string[]? Times = null,
        string[]? Ids = null, string[]? Required = null, string[]? Lists = null);

    private static readonly string[] FieldActions = ["accept", "decline", "en-route", "on-site", "resolved", "waiting-for-parts"];

    private static readonly string Now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    private static Endpoint[] Endpoints() =>
    [
        new("intake", "intake", HttpMethod.Post, "/api/tickets", () => new JsonObject
            {
                ["customerId"] = "{customer}", ["title"] = "No cooling", ["description"] = "Compressor trips", ["serviceType"] = "repair",
                ["priority"] = "P2", ["location"] = new JsonObject { ["lat"] = HostileWorld.Lat, ["lon"] = HostileWorld.Lon },
                ["requiredSkills"] = new JsonArray("hvac"), ["channel"] = "web", ["externalId"] = "ext-1",
            },
            Text: ["title", "description", "externalId", "priority", "channel"], Numbers: ["location.lat", "location.lon"],
            Ids: ["customerId", "serviceType", "requiredSkills[0]"], Required: ["customerId", "title", "serviceType", "priority", "location", "channel"],
            Lists: ["requiredSkills"]),
        new("triage", "dispatcher", HttpMethod.Post, "/api/tickets/{ticket}/triage", () => new JsonObject { ["note"] = "looked at it" }, Text: ["note"]),
        new("wait", "dispatcher", HttpMethod.Post, "/api/tickets/{ticket}/wait", () => new JsonObject { ["reason"] = "waitingOnCustomer" }, Text: ["reason"], Required: ["reason"]),
        new("resume", "dispatcher", HttpMethod.Post, "/api/tickets/{ticket}/resume", () => new JsonObject { ["note"] = "back" }, Text: ["note"]),
        new("cancel", "dispatcher", HttpMethod.Post, "/api/tickets/{ticket}/cancel", () => new JsonObject { ["reason"] = "duplicate" }, Text: ["reason"], Required: ["reason"]),
        new("reopen", "dispatcher", HttpMethod.Post, "/api/tickets/{ticket}/reopen", () => new JsonObject { ["reason"] = "came back" }, Text: ["reason"], Required: ["reason"]),
        new("resolve", "dispatcher", HttpMethod.Post, "/api/tickets/{ticket}/resolve", () => new JsonObject { ["notes"] = "advised by phone" }, Text: ["notes"]),
        new("priority", "dispatcher", HttpMethod.Post, "/api/tickets/{ticket}/priority", () => new JsonObject { ["priority"] = "P1", ["reason"] = "hospital" },
            Text: ["priority", "reason"], Required: ["priority", "reason"]),
        new("survey", "intake", HttpMethod.Post, "/api/tickets/{ticket}/survey", () => new JsonObject { ["csat"] = 4, ["nps"] = 9, ["comment"] = "quick", ["blamedStage"] = "dispatch" },
            Text: ["comment", "blamedStage"], Counts: ["csat", "nps"], Required: ["csat"]),
        .. FieldActions.Select(action =>
            new Endpoint(action, "engineer", HttpMethod.Post, $"/api/tickets/{{ticket}}/{action}", () => new JsonObject
                {
                    ["at"] = Now, ["reason"] = "too far", ["notes"] = "replaced the fuse", ["partsUsed"] = new JsonArray("fuse-10A"),
                },
                Text: ["reason", "notes", "partsUsed[0]"], Times: ["at"], Lists: ["partsUsed"])),
        new("assign", "dispatcher", HttpMethod.Post, "/api/tickets/{ticket}/assign", () => new JsonObject { ["engineerId"] = "{engineer}", ["reason"] = "knows the site" },
            Text: ["reason"], Ids: ["engineerId"], Required: ["engineerId", "reason"]),
        new("engineer", "admin", HttpMethod.Put, "/api/engineers/{engineer}", () => new JsonObject
            {
                ["name"] = "Engineer Hostile", ["skills"] = new JsonObject { ["hvac"] = 90 },
                ["homeBase"] = new JsonObject { ["lat"] = HostileWorld.Lat, ["lon"] = HostileWorld.Lon }, ["capacity"] = 2, ["phone"] = "+86 21 5555 0000",
            },
            Text: ["name", "phone"], Numbers: ["homeBase.lat", "homeBase.lon"], Counts: ["capacity", "skills.hvac"], Ids: ["shiftCalendar"],
            Required: ["name", "homeBase"]),
        new("status", "engineer", HttpMethod.Post, "/api/engineers/{engineer}/status", () => new JsonObject { ["status"] = "OnBreak" }, Text: ["status"], Required: ["status"]),
        new("position", "engineer", HttpMethod.Post, "/api/engineers/{engineer}/position", () => new JsonObject
            {
                ["lat"] = HostileWorld.Lat, ["lon"] = HostileWorld.Lon, ["at"] = Now, ["accuracy"] = 5,
            },
            Numbers: ["lat", "lon", "accuracy"], Times: ["at"], Required: ["lat", "lon", "at"]),
        new("customer", "dispatcher", HttpMethod.Put, "/api/customers/{customer}", () => new JsonObject
            {
                ["name"] = "Hostile Holdings", ["tier"] = "standard",
                ["sites"] = new JsonArray(new JsonObject { ["id"] = "main", ["name"] = "Warehouse", ["lat"] = 31.2, ["lon"] = 121.5, ["address"] = "1 Bund Road" }),
                ["phone"] = "+86 21 5555 0000", ["email"] = "ops@hostile.example",
            },
            Text: ["name", "tier", "sites[0].name", "sites[0].address", "phone", "email"], Numbers: ["sites[0].lat", "sites[0].lon"],
            Ids: ["sites[0].id"], Required: ["name", "tier", "sites"], Lists: ["sites"]),
        new("sla-policy", "admin", HttpMethod.Put, "/api/sla/policies/{policy}", () => JsonNode.Parse(HostileWorld.PolicyBody("{policy}"))!.AsObject(),
            Text: ["name"], Ids: ["id"]),
        new("sla-policy-delete", "admin", HttpMethod.Delete, "/api/sla/policies/{policy}", null),
        new("alert-acknowledge", "dispatcher", HttpMethod.Post, "/api/alerts/{ticket}:response:breach/acknowledge", null),
    ];

    /// <summary>Text no field takes: control characters, blanks, invalid UTF-16, noncharacters, too long, wrong types.</summary>
    private static readonly (string Name, Func<JsonNode?> Value)[] BadText =
    [
        ("NUL", () => "before\u0000after"),
        ("BEL", () => "ring\u0007"),
        ("ESC", () => "\u001b[31mred"),
        ("C1 control", () => "next\u0085line"),
        ("lone surrogate", () => "broken \ud800 pair"),
        ("noncharacter", () => "not text \uffff"),
        ("empty", () => ""),
        ("whitespace", () => "   \t  "),
        ("10 KB", () => new string('x', 10_240)),
        ("number", () => 42),
        ("object", () => new JsonObject { ["text"] = "hi" }),
        ("array", () => new JsonArray("hi")),
    ];

    private static readonly (string Name, Func<JsonNode?> Value)[] BadNumbers =
    [
        ("NaN as text", () => "NaN"),
        ("Infinity as text", () => "Infinity"),
        ("number as text", () => "45"),
        ("huge", () => 1e300),
        ("huge negative", () => -1e300),
        ("out of range", () => -200.5),
        ("boolean", () => true),
        ("object", () => new JsonObject()),
    ];

    private static readonly (string Name, Func<JsonNode?> Value)[] BadCounts =
    [
        ("negative", () => -1),
        ("huge", () => 99_999_999_999L),
        ("too big", () => 1000),
        ("fraction", () => 2.5),
        ("text", () => "3"),
    ];

    private static readonly (string Name, Func<JsonNode?> Value)[] BadTimes =
    [
        ("year 1", () => "0001-01-01T00:00:00Z"),
        ("1970", () => "1970-01-01T00:00:00Z"),
        ("year 9999", () => "9999-12-31T23:59:59Z"),
        ("next year", () => DateTimeOffset.UtcNow.AddYears(1).ToString("O", CultureInfo.InvariantCulture)),
        ("not a time", () => "yesterday"),
        ("number", () => 1_700_000_000),
    ];

    private static readonly (string Name, Func<JsonNode?> Value)[] BadIds =
    [
        ("10 KB", () => new string('a', 10_240)),
        ("slash", () => "a/b"),
        ("dot dot", () => ".."),
        ("NUL", () => "a\u0000b"),
        ("right-to-left mark", () => "abc\u200fdef"),
        ("right-to-left override", () => "abc\u202efed"),
        ("emoji", () => "fire-\U0001F692"),
        ("space", () => "a b"),
        ("number", () => 7),
    ];

    /// <summary>Path segments no id is: each replaces the world's id in the path.</summary>
    private static readonly (string Name, string Segment)[] BadPathIds =
    [
        ("10 KB", new string('x', 10_240)),
        ("encoded slash", "a%2Fb"),
        ("dot dot", "%2E%2E"),
        ("right-to-left mark", "abc%E2%80%8Fdef"),
        ("emoji", "%F0%9F%9A%92"),
        ("space", "a%20b"),
        ("control", "a%1Bb"),
    ];

    public static IReadOnlyDictionary<string, HostileRequest> All { get; } = Build();

    private static Dictionary<string, HostileRequest> Build()
    {
        var all = new Dictionary<string, HostileRequest>(StringComparer.Ordinal);
        void Add(HostileRequest request) => all.Add(request.Name, request);

        foreach (var e in Endpoints())
        {
            var json = e.Valid;
            foreach (var (name, segment) in BadPathIds)
            {
                var path = e.Path.Contains("{ticket}", StringComparison.Ordinal) ? e.Path.Replace("{ticket}", segment, StringComparison.Ordinal)
                    : e.Path.Contains("{engineer}", StringComparison.Ordinal) ? e.Path.Replace("{engineer}", segment, StringComparison.Ordinal)
                    : e.Path.Contains("{customer}", StringComparison.Ordinal) ? e.Path.Replace("{customer}", segment, StringComparison.Ordinal)
                    : e.Path.Replace("{policy}", segment, StringComparison.Ordinal);
                if (path != e.Path)
                {
                    Add(new($"{e.Name}: id in the path is {name}", e.Role, e.Method, path, w => json is null ? null : Body(w, json())));
                }
            }
            if (json is null)
            {
                continue;
            }
            foreach (var field in e.Text ?? [])
            {
                foreach (var (name, value) in BadText)
                {
                    Add(new($"{e.Name}: {field} is {name}", e.Role, e.Method, e.Path, w => Body(w, Set(json(), field, value()))));
                }
            }
            foreach (var (fields, bad) in new[] { (e.Numbers, BadNumbers), (e.Counts, BadCounts), (e.Times, BadTimes), (e.Ids, BadIds) })
            {
                foreach (var field in fields ?? [])
                {
                    foreach (var (name, value) in bad)
                    {
                        Add(new($"{e.Name}: {field} is {name}", e.Role, e.Method, e.Path, w => Body(w, Set(json(), field, value()))));
                    }
                }
            }
            foreach (var field in e.Required ?? [])
            {
                Add(new($"{e.Name}: {field} is missing", e.Role, e.Method, e.Path, w => Body(w, Remove(json(), field))));
                Add(new($"{e.Name}: {field} is null", e.Role, e.Method, e.Path, w => Body(w, Set(json(), field, null))));
            }
            foreach (var field in e.Lists ?? [])
            {
                Add(new($"{e.Name}: {field} has 10,000 entries", e.Role, e.Method, e.Path,
                    w => Body(w, Set(json(), field, new JsonArray([.. Enumerable.Range(0, 10_000).Select(i => (JsonNode)JsonValue.Create($"x{i}"))])))));
                Add(new($"{e.Name}: {field} is text", e.Role, e.Method, e.Path, w => Body(w, Set(json(), field, "one"))));
            }
            Add(new($"{e.Name}: an unknown field", e.Role, e.Method, e.Path, w => Body(w, Set(json(), "sneaky", true))));
            Add(new($"{e.Name}: a key given twice", e.Role, e.Method, e.Path, w =>
            {
                var body = json();
                var (key, value) = body.First();
                return Raw(w, body.ToJsonString()[..^1] + $",\"{key}\":{value?.ToJsonString() ?? "null"}}}");
            }));
            Add(new($"{e.Name}: an empty body", e.Role, e.Method, e.Path, w => Raw(w, "")));
            Add(new($"{e.Name}: JSON null", e.Role, e.Method, e.Path, w => Raw(w, "null")));
            Add(new($"{e.Name}: an array", e.Role, e.Method, e.Path, w => Raw(w, "[]")));
            Add(new($"{e.Name}: broken JSON", e.Role, e.Method, e.Path, w => Raw(w, "{\"title\": ")));
            Add(new($"{e.Name}: 10,000 levels deep", e.Role, e.Method, e.Path, w => Raw(w, "{\"a\":" + string.Concat(Enumerable.Repeat("[", 10_000)) + string.Concat(Enumerable.Repeat("]", 10_000)) + "}")));
            Add(new($"{e.Name}: 1 MB body", e.Role, e.Method, e.Path, w => Body(w, Set(json(), "padding", new string('x', 1_100_000)))));
            Add(new($"{e.Name}: sent as text/plain", e.Role, e.Method, e.Path, w => new StringContent(Fill(w, json().ToJsonString()), Encoding.UTF8, "text/plain")));
            Add(new($"{e.Name}: sent as a form", e.Role, e.Method, e.Path, _ => new FormUrlEncodedContent([new("title", "x")])));
        }
        Add(new("intake: 50 MB body", "intake", HttpMethod.Post, "/api/tickets", _ => new ByteArrayContent(Fifty()) { Headers = { ContentType = new("application/json") } }));
        Add(new("customer: 50 MB body", "dispatcher", HttpMethod.Put, "/api/customers/{customer}", _ => new ByteArrayContent(Fifty()) { Headers = { ContentType = new("application/json") } }));
        Add(new("intake: 2 MB body without a length", "intake", HttpMethod.Post, "/api/tickets", w => new ChunkedContent(Encoding.UTF8.GetBytes(
            Fill(w, $$"""{"customerId": "{customer}", "title": "{{new string('x', 2_000_000)}}"}""")))));
        Add(new("intake: location outside every region", "intake", HttpMethod.Post, "/api/tickets", w => Raw(w, $$"""
            {"customerId": "{customer}", "title": "Far away", "serviceType": "repair", "priority": "P2", "location": {"lat": -60, "lon": 10}, "channel": "web"}
            """)));
        Add(new("survey: csat 6", "intake", HttpMethod.Post, "/api/tickets/{ticket}/survey", w => Raw(w, """{"csat": 6}""")));
        Add(new("survey: csat 0", "intake", HttpMethod.Post, "/api/tickets/{ticket}/survey", w => Raw(w, """{"csat": 0}""")));
        Add(new("survey: nps 11", "intake", HttpMethod.Post, "/api/tickets/{ticket}/survey", w => Raw(w, """{"csat": 3, "nps": 11}""")));
        Add(new("intake: 21 required skills", "intake", HttpMethod.Post, "/api/tickets", w => Raw(w, $$"""
            {"customerId": "{customer}", "title": "Many skills", "serviceType": "repair", "priority": "P2", "location": {"lat": {{HostileWorld.Lat}}, "lon": {{HostileWorld.Lon}}},
             "channel": "web", "requiredSkills": [{{string.Join(",", Enumerable.Range(0, 21).Select(i => $"\"s{i}\""))}}]}
            """)));
        Add(new("resolved: 51 parts", "engineer", HttpMethod.Post, "/api/tickets/{ticket}/resolved", w => Raw(w, $$"""
            {"partsUsed": [{{string.Join(",", Enumerable.Range(0, 51).Select(i => $"\"p{i}\""))}}]}
            """)));
        Add(new("engineer: 51 skills", "admin", HttpMethod.Put, "/api/engineers/{engineer}", w => Raw(w, $$"""
            {"name": "E", "homeBase": {"lat": 31.2, "lon": 121.5}, "skills": { {{string.Join(",", Enumerable.Range(0, 51).Select(i => $"\"s{i}\": 50"))}} } }
            """)));
        Add(new("customer: 51 sites", "dispatcher", HttpMethod.Put, "/api/customers/{customer}", w => Raw(w, $$"""
            {"name": "C", "tier": "standard", "sites": [{{string.Join(",", Enumerable.Range(0, 51).Select(i => $$"""{"id": "s{{i}}", "name": "S", "lat": 31.2, "lon": 121.5}"""))}}]}
            """)));
        Add(new("customer: contract ends before it starts", "dispatcher", HttpMethod.Put, "/api/customers/{customer}", w => Raw(w, """
            {"name": "C", "tier": "standard", "sites": [], "contract": {"id": "c1", "validFrom": "2026-12-31", "validTo": "2026-01-01"}}
            """)));
        return all;
    }

    private static byte[] Fifty()
    {
        var bytes = new byte[50 * 1024 * 1024];
        Array.Fill(bytes, (byte)' ');
        bytes[0] = (byte)'{';
        bytes[^1] = (byte)'}';
        return bytes;
    }

    private static StringContent Body(HostileWorld world, JsonObject body) => Raw(world, body.ToJsonString());

    private static StringContent Raw(HostileWorld world, string json) => new StringContent(Fill(world, json), Encoding.UTF8, "application/json");

    /// <summary>Puts the world's ids where the templates name them.</summary>
    public static string Fill(HostileWorld world, string text) => text
        .Replace("{ticket}", world.TicketId, StringComparison.Ordinal)
        .Replace("{engineer}", world.EngineerId, StringComparison.Ordinal)
        .Replace("{customer}", world.CustomerId, StringComparison.Ordinal)
        .Replace("{policy}", world.PolicyId, StringComparison.Ordinal);

    /// <summary>Sets "a.b" or "a[0].b" in the body.</summary>
    private static JsonObject Set(JsonObject body, string path, JsonNode? value)
    {
        var (parent, last) = Walk(body, path);
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a:
                a[int.Parse(last, CultureInfo.InvariantCulture)] = value;
                break;
        }
        return body;
    }

    private static JsonObject Remove(JsonObject body, string path)
    {
        var (parent, last) = Walk(body, path);
        (parent as JsonObject)?.Remove(last);
        return body;
    }

    private static (JsonNode Parent, string Last) Walk(JsonObject body, string path)
    {
        var steps = path.Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Split('.');
        JsonNode node = body;
        foreach (var step in steps[..^1])
        {
            node = node is JsonArray array ? array[int.Parse(step, CultureInfo.InvariantCulture)]! : node[step]!;
        }
        return (node, steps[^1]);
    }

    /// <summary>A body sent in chunks, without a Content-Length: the limit must hold while it is read.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
