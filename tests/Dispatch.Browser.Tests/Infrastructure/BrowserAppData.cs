using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dispatch.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Dispatch.Browser.Tests.Infrastructure;

/// <summary>What the browser tests put in place before a page looks at it: through the app's own API, or, for a
/// ticket's past, in the event log as its grain writes it (the silo projects it like any other).</summary>
internal static class BrowserAppData
{
    /// <summary>An engineer with one skill, available at a point.</summary>
    public static async Task AvailableEngineerAsync(this BrowserAppFixture app, string id, string skill, double lat, double lon)
    {
        await app.SkillAsync(skill);
        using var dispatcher = await app.App.ClientAsAsync("dispatcher");
        await EnsureAsync(await dispatcher.PutAsync($"/api/engineers/{id}", Json($$"""
            {"name": "Engineer {{id}}", "skills": {"{{skill}}": 90}, "homeBase": {"lat": {{N(lat)}}, "lon": {{N(lon)}}}, "capacity": 1}
            """)));
        using var engineer = await app.App.ClientAsAsync("engineer", id);
        await EnsureAsync(await engineer.PostAsync($"/api/engineers/{id}/status", Json("""{"status":"Available"}""")));
        var at = DateTimeOffset.UtcNow.ToString("O");
        await EnsureAsync(await engineer.PostAsync($"/api/engineers/{id}/position", Json($$"""{"lat": {{N(lat)}}, "lon": {{N(lon)}}, "at": "{{at}}", "accuracy": 8}""")));
    }

    /// <summary>The console, signed in with a development token for the role, once its first snapshot is drawn.</summary>
    public static async Task<BrowserPage> SignedInConsoleAsync(this BrowserAppFixture app, ITestOutputHelper output, string name, string role = "dispatcher")
    {
        var console = await app.OpenAsync("/console.html", output, name);
        var page = console.Page;
        await page.GetByTestId("login-role").SelectOptionAsync(role);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.Locator("[data-testid=connection][data-state=connected]").WaitForAsync();
        await page.WaitForFunctionAsync("() => window.dispatchConsole?.board.snapshotAt != null");
        return console;
    }

    /// <summary>A customer of a tier with one site at a point.</summary>
    public static async Task CustomerAsync(this BrowserAppFixture app, string id, string name, string tier, double lat, double lon)
    {
        using var dispatcher = await app.App.ClientAsAsync("dispatcher");
        await EnsureAsync(await dispatcher.PutAsync($"/api/customers/{id}", Json($$"""
            {"name": "{{name}}", "tier": "{{tier}}",
             "sites": [{"id": "main", "name": "Clinic", "lat": {{N(lat)}}, "lon": {{N(lon)}}, "address": "88 Riverside Road"}]}
            """)));
    }

    /// <summary>A ticket opened over the intake API, needing the skill (none when null); its id.</summary>
    public static async Task<string> OpenTicketAsync(this BrowserAppFixture app, string customerId, string? skill, string priority, double lat, double lon,
        string title, string serviceType = "repair")
    {
        if (skill is not null)
        {
            await app.SkillAsync(skill);
        }
        using var intake = await app.App.ClientAsAsync("intake");
        var skills = skill is null ? "[]" : $"[\"{skill}\"]";
        var response = await intake.PostAsync("/api/tickets", Json($$"""
            {"customerId": "{{customerId}}", "title": "{{title}}", "serviceType": "{{serviceType}}", "priority": "{{priority}}",
             "location": {"lat": {{N(lat)}}, "lon": {{N(lon)}}}, "requiredSkills": {{skills}}, "channel": "web"}
            """));
        await EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>A skill in the catalogue (put again if it is there: the same name).</summary>
    public static async Task SkillAsync(this BrowserAppFixture app, string skill)
    {
        using var admin = await app.App.ClientAsAsync("admin");
        await EnsureAsync(await admin.PutAsync($"/api/skills/{skill}", Json($$"""{"name": "Browser test {{skill}}"}""")));
    }

    /// <summary>A closed ticket's history as its grain writes it: created, accepted, on site, resolved, closed.</summary>
    public static Task ClosedTicketAsync(this BrowserAppFixture app, string ticketId, string title, DateTimeOffset created,
        string priority = "P3", string? region = null)
    {
        var opened = new Dictionary<string, string> { ["priority"] = priority, ["serviceType"] = "repair", ["title"] = title };
        if (region is not null)
        {
            opened["region"] = region;
        }
        return app.TicketHistoryAsync(ticketId,
        [
            (created, "ticket.created", "New", JsonSerializer.Serialize(opened)),
            (created.AddMinutes(15), "ticket.accepted", "Accepted", """{"engineerId": "e-browser"}"""),
            (created.AddMinutes(45), "ticket.on-site", "OnSite", "{}"),
            (created.AddMinutes(165), "ticket.resolved", "Resolved", "{}"),
            (created.AddMinutes(175), "ticket.closed", "Closed", "{}"),
        ]);
    }

    /// <summary>
    /// A ticket's events written straight into the log in the grains' shape (customer c-browser), for a history the
    /// cluster could not make in a test's time (a ticket opened days ago): the projector reads them like any other.
    /// </summary>
    public static async Task TicketHistoryAsync(this BrowserAppFixture app, string ticketId,
        IEnumerable<(DateTimeOffset At, string Type, string To, string Details)> history)
    {
        await using var dataSource = NpgsqlDataSource.Create(app.Database.ConnectionString);
        var sequence = 0;
        foreach (var (at, type, to, details) in history)
        {
            await EventLogRows.TicketEventAsync(dataSource, ticketId, ++sequence, type, to, at, details, customerId: "c-browser");
        }
    }

    /// <summary>Throws with the method, the URL and the answer when a request did not succeed.</summary>
    public static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>A number as JSON writes it.</summary>
    public static string N(double value) => value.ToString(CultureInfo.InvariantCulture);

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
