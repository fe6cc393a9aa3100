using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using Dispatch.Web.Tests.Tickets;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.ReadSide;

/// <summary>GET /api/tickets, /api/customers and /api/audit over real HTTP, on read models the silo's projector keeps.</summary>
public sealed class SearchEndpointTests(WebClusterFixture cluster) : IClassFixture<WebClusterFixture>
{
    [Fact]
    public async Task A_cancelled_ticket_is_found_by_a_word_of_its_description_and_its_audit_trail_read()
    {
        var word = "gasket" + Guid.NewGuid().ToString("N")[..8];
        var ticketId = await OpenAsync(description: $"The {word} leaks at the valve");
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        (await dispatcher.PostAsync($"/api/tickets/{ticketId}/cancel", Json("""{"reason": "customer fixed it"}"""))).EnsureSuccessStatusCode();

        var found = await Eventually.Until(
            () => ItemsAsync(dispatcher, $"/api/tickets?q={word.ToUpperInvariant()}&status=Cancelled,Closed"),
            items => items.Count == 1, what: "the cancelled ticket in search");
        Assert.Equal(ticketId, found[0].GetProperty("ticketId").GetString());
        Assert.Equal("Cancelled", found[0].GetProperty("status").GetString());
        Assert.Equal("phone", found[0].GetProperty("channel").GetString());
        Assert.Empty(await ItemsAsync(dispatcher, $"/api/tickets?q={word}&status=New"));

        var audit = await ItemsAsync(dispatcher, $"/api/audit?stream=ticket:{ticketId}");
        Assert.Equal("ticket.cancelled", audit[0].GetProperty("type").GetString());
        Assert.Equal("customer fixed it", audit[0].GetProperty("data").GetProperty("why").GetString());
        Assert.Equal("ticket.created", audit[^1].GetProperty("type").GetString());
        var cancelledOnly = await ItemsAsync(dispatcher, $"/api/audit?stream=ticket:{ticketId}&type=ticket.cancelled");
        Assert.Single(cancelledOnly);
    }

    [Fact]
    public async Task Status_may_name_a_group_the_ticket_lifecycle_decides_open_unassigned_or_done()
    {
        var word = "groups" + Guid.NewGuid().ToString("N")[..8];
        // No engineer takes tickets here: the first stays open and unplaced; the second is cancelled.
        var waiting = await OpenAsync(title: $"Boiler {word}");
        var cancelled = await OpenAsync(title: $"Chiller {word}");
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        (await dispatcher.PostAsync($"/api/tickets/{cancelled}/cancel", Json("""{"reason": "duplicate"}"""))).EnsureSuccessStatusCode();
        await Eventually.Until(() => ItemsAsync(dispatcher, $"/api/tickets?q={word}&status=Cancelled"), items => items.Count == 1, what: "the cancelled ticket");

        async Task<string[]> Found(string status) =>
            [.. (await ItemsAsync(dispatcher, $"/api/tickets?q={word}&status={status}")).Select(t => t.GetProperty("ticketId").GetString()!).Order()];
        Assert.Equal([waiting], await Found("open"));
        Assert.Equal([waiting], await Found("unassigned"));
        Assert.Equal([cancelled], await Found("done"));
        Assert.Equal(new[] { waiting, cancelled }.Order(), await Found("OPEN,Cancelled"));
        Assert.Empty(await Found("Resolved,Closed"));
    }

    [Fact]
    public async Task Pages_follow_the_cursor_without_overlap_and_csv_streams_every_match()
    {
        var word = "pager" + Guid.NewGuid().ToString("N")[..8];
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await OpenAsync(title: $"Pump {i} {word}"));
        }
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        await Eventually.Until(() => ItemsAsync(dispatcher, $"/api/tickets?q={word}"), items => items.Count == 3, what: "three tickets");

        var first = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets?q={word}&limit=2&sort=createdAt");
        var cursor = first.GetProperty("nextCursor").GetString();
        Assert.NotNull(cursor);
        var second = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets?q={word}&limit=2&sort=createdAt&cursor={cursor}");
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        var paged = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(t => t.GetProperty("ticketId").GetString()!).ToList();
        Assert.Equal(ids, paged);

        var csv = await dispatcher.GetAsync($"/api/tickets?q={word}&format=csv&sort=createdAt");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ticketId,customerId,title", lines[0]);
        Assert.Equal(ids, lines.Skip(1).Select(l => l.Split(',')[0]).ToList());
    }

    [Fact]
    public async Task An_engineer_finds_only_their_own_work()
    {
        var word = "mine" + Guid.NewGuid().ToString("N")[..8];
        await OpenAsync(title: $"Someone else's job {word}");
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        await Eventually.Until(() => ItemsAsync(dispatcher, $"/api/tickets?q={word}"), items => items.Count == 1, what: "the ticket");

        using var engineer = await cluster.App.ClientAsAsync("engineer", "eng-nobody");
        Assert.Empty(await ItemsAsync(engineer, $"/api/tickets?q={word}"));
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync("/api/customers")).StatusCode);
        using var anonymous = cluster.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/tickets")).StatusCode);
    }

    [Fact]
    public async Task An_intake_channel_finds_only_the_tickets_it_opened()
    {
        var word = "compressor" + Guid.NewGuid().ToString("N")[..8];
        using var erp = await IntakeAsync("erp-" + word);
        using var webForm = await IntakeAsync("web-" + word);
        var mine = await OpenAsync(erp, $"The {word} hums");
        var theirs = await OpenAsync(webForm, $"The {word} rattles");
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        await Eventually.Until(() => ItemsAsync(dispatcher, $"/api/tickets?q={word}"), items => items.Count == 2, what: "both tickets in search");

        var found = await ItemsAsync(erp, $"/api/tickets?q={word}");
        Assert.Equal([mine], found.Select(t => t.GetProperty("ticketId").GetString()));
        Assert.NotEqual(mine, theirs);
    }

    [Fact]
    public async Task Customers_are_found_by_name_with_their_tier()
    {
        var name = "Harbour Freezers " + Guid.NewGuid().ToString("N")[..6];
        var id = await CustomerAsync(name);
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var found = await Eventually.Until(() => ItemsAsync(dispatcher, $"/api/customers?q={Uri.EscapeDataString(name[^6..])}&tier=standard"),
            items => items.Count == 1, what: "the customer");
        Assert.Equal(id, found[0].GetProperty("customerId").GetString());
        Assert.Equal(name, found[0].GetProperty("name").GetString());
    }

    public static TheoryData<string, string> BadQueries() => new()
    {
        { "status", "status=Bogus" },
        { "status", "status=opened" },
        { "status", "status=New&status=Closed" },
        { "priority", "priority=P9" },
        { "createdFrom", "createdFrom=yesterday" },
        { "createdFrom", "createdFrom=2026-11-30" },
        { "createdTo", "createdFrom=2026-11-30T10:00:00Z&createdTo=2026-11-30T09:00:00Z" },
        { "breachedFrom", "breachedFrom=today" },
        { "breachedTo", "breachedFrom=2026-11-30T10:00:00Z&breachedTo=2026-11-30T09:00:00Z" },
        { "limit", "limit=0" },
        { "limit", "limit=201" },
        { "limit", "limit=ten" },
        { "cursor", "cursor=not-a-cursor" },
        { "sort", "sort=title" },
        { "region", "region=../etc" },
        { "q", "q=%07bell" },
        { "format", "format=xml" },
        { "sneaky", "sneaky=1" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Each_bad_query_parameter_gets_a_400_naming_it(string parameter, string query)
    {
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var response = await dispatcher.GetAsync($"/api/tickets?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"expected an error for {parameter}: {problem}");
    }

    [Theory]
    [InlineData("/api/audit?stream=ticket", "stream")]
    [InlineData("/api/audit?type=DROP%20TABLE", "type")]
    [InlineData("/api/audit?from=2026-11-30T10:00:00Z&to=2026-11-30T10:00:00Z", "to")]
    [InlineData("/api/customers?health=great", "health")]
    [InlineData("/api/reports/kpis?groupBy=colour", "groupBy")]
    [InlineData("/api/reports/kpis?tz=Mars/Olympus", "tz")]
    [InlineData("/api/reports/stages?priority=P0", "priority")]
    [InlineData("/api/reports/backlog?from=2026-11-30T10:00:00Z", "from")]
    public async Task The_other_read_endpoints_name_their_bad_parameters_too(string url, string parameter)
    {
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var response = await dispatcher.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"expected an error for {parameter}: {problem}");
    }

    [Fact]
    public async Task Health_shows_the_projection_lag()
    {
        using var client = cluster.App.CreateClient();
        var body = await client.GetFromJsonAsync<JsonElement>("/health");
        var projections = body.GetProperty("checks").GetProperty("projections");
        Assert.Equal("up", projections.GetProperty("status").GetString());
        Assert.True(projections.GetProperty("data").GetProperty("lagSeconds").GetDouble() >= 0);
        Assert.True(projections.GetProperty("data").GetProperty("eventsBehind").GetInt64() >= 0);
    }

    private static async Task<List<JsonElement>> ItemsAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. body.GetProperty("items").EnumerateArray()];
    }

    private async Task<string> CustomerAsync(string name = "Acme Cold Chain")
    {
        var id = "cust-" + Guid.NewGuid().ToString("N")[..8];
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var response = await dispatcher.PutAsync($"/api/customers/{id}", Json($$"""
            {"name": "{{name}}", "tier": "standard", "sites": [{"id": "main", "name": "Warehouse", "lat": 31.2, "lon": 121.5}]}
            """));
        response.EnsureSuccessStatusCode();
        return id;
    }

    private async Task<HttpClient> IntakeAsync(string channel)
    {
        using var anonymous = cluster.App.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/dev/token", new { role = "intake", name = channel, channel });
        response.EnsureSuccessStatusCode();
        var client = cluster.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        return client;
    }

    private async Task<string> OpenAsync(HttpClient intake, string description)
    {
        var body = TicketBodies.Valid(await CustomerAsync());
        body["description"] = description;
        var response = await intake.PostAsync("/api/tickets", Json(body.ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<string> OpenAsync(string? title = null, string? description = null)
    {
        var body = TicketBodies.Valid(await CustomerAsync());
        if (title is not null)
        {
            body["title"] = title;
        }
        if (description is not null)
        {
            body["description"] = description;
        }
        using var intake = await cluster.App.ClientAsAsync("intake");
        var response = await intake.PostAsync("/api/tickets", Json(body.ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
