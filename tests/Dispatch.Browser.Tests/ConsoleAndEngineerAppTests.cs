using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dispatch.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dispatch.Browser.Tests;

/// <summary>
/// The console and the engineer app in a real browser (Debian's chromium, headless), against the real web
/// host and a real silo: a ticket appears on the map and in the list, its breach alert arrives in the
/// feed, the offered engineer accepts it on the phone page, and the console sees the change.
/// </summary>
public sealed class ConsoleAndEngineerAppTests(BrowserAppFixture app, ITestOutputHelper output) : IClassFixture<BrowserAppFixture>
{
    // Inside the sample city's Riverside district (greedy dispatch, no auto-accept).
    private const double Lat = 31.198;
    private const double Lon = 121.4765;

    [Fact]
    public async Task A_dispatcher_sees_a_ticket_breach_and_the_offered_engineer_accept_it()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var skill = "browser-" + tag;
        var engineerId = "eng-browser-" + tag;
        var customerId = "cust-browser-" + tag;
        await ShortPolicyAsync("fast-" + tag);

        // 1. A dispatcher signs in to the console; the hub connects and the snapshot is read.
        await using var console = await app.OpenAsync("/console.html", output, "console");
        var page = console.Page;
        await page.GetByTestId("login-form").WaitForAsync();
        await page.GetByTestId("login-role").SelectOptionAsync("dispatcher");
        await page.GetByTestId("login-submit").ClickAsync();
        await page.Locator("[data-testid=connection][data-state=connected]").WaitForAsync();
        await page.GetByTestId("map").WaitForAsync();
        await page.WaitForFunctionAsync("() => window.dispatchConsole?.board.snapshotAt != null");
        await page.WaitForFunctionAsync("() => window.dispatchConsole.map.ready && window.dispatchConsole.sourceData('regions').features.length > 0");

        // 2. An engineer and a customer are registered, and a ticket is created, over the API.
        await EngineerAsync(engineerId, skill);
        await CustomerAsync(customerId);
        var ticketId = await TicketAsync(customerId, skill);
        output.WriteLine($"ticket {ticketId}, engineer {engineerId}");

        // 3. Its marker appears on the map and its row in the list; the engineer's marker too.
        await page.WaitForFunctionAsync(
            "id => window.dispatchConsole.sourceData('tickets').features.some(f => f.properties.id === id)", ticketId);
        await page.WaitForFunctionAsync(
            "id => window.dispatchConsole.sourceData('engineers').features.some(f => f.properties.id === id)", engineerId);
        var row = page.Locator($"[data-testid=ticket-row][data-ticket-id='{ticketId}']");
        await row.WaitForAsync();

        // 4. The response target (5 s) passes without an accept: the breach alert arrives in the feed.
        var breach = page.Locator($"[data-testid=alert-item][data-ticket-id='{ticketId}'][data-kind=breach]");
        await breach.WaitForAsync(new LocatorWaitForOptions { Timeout = 45_000 });
        Assert.Contains("level-", await breach.GetAttributeAsync("class"), StringComparison.Ordinal);
        await page.WaitForFunctionAsync(
            "id => window.dispatchConsole.board.tickets.get(id)?.slaState === 'breached'", ticketId);
        await page.Locator($"[data-testid=ticket-row][data-ticket-id='{ticketId}'][data-sla=breached]").WaitForAsync();

        // 5. The ticket panel: status, SLA clocks, and why this engineer was chosen.
        await row.ClickAsync();
        await page.Locator("[data-testid=ticket-panel-status][data-status=Offered]").WaitForAsync();
        await page.Locator("[data-testid=why-engineer] tr.chosen", new PageLocatorOptions { HasText = engineerId }).WaitForAsync();
        await page.Locator("[data-testid=sla-clock][data-metric=response][data-state=breached]").WaitForAsync();
        await page.Locator("[data-testid=customer-360]", new PageLocatorOptions { HasText = "Browser Test Clinic" }).WaitForAsync();
        await console.ScreenshotAsync("console-breach.png");

        // 6. The offered engineer opens the app on a phone-sized page, sees the offer, and accepts it.
        await using var phone = await app.OpenAsync("/engineer.html", output, "engineer", width: 390, height: 844);
        var engineerPage = phone.Page;
        await engineerPage.GetByTestId("login-engineer-id").FillAsync(engineerId);
        await engineerPage.GetByTestId("login-submit").ClickAsync();
        var offer = engineerPage.Locator($"[data-testid=offer-card][data-ticket-id='{ticketId}']");
        await offer.WaitForAsync();
        await engineerPage.Locator("[data-testid=connection][data-state=connected]").WaitForAsync();
        Assert.Contains("expires in", await engineerPage.GetByTestId("offer-countdown").InnerTextAsync(), StringComparison.Ordinal);
        await phone.ScreenshotAsync("engineer-offer.png");
        await engineerPage.GetByTestId("offer-accept").ClickAsync();
        await engineerPage.Locator($"[data-testid=job-card][data-ticket-id='{ticketId}'][data-status=Accepted]").WaitForAsync();
        await engineerPage.GetByTestId("offer-card").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });
        await phone.ScreenshotAsync("engineer-accepted.png");

        // 7. The console sees the ticket accepted: in the list, on the map, and in the open panel. The list holds
        //    still while the pointer rests on it (since the row was clicked), so the pointer moves away first.
        await page.Mouse.MoveAsync(700, 20);
        await page.Locator($"[data-testid=ticket-row][data-ticket-id='{ticketId}'][data-status=Accepted]").WaitForAsync();
        await page.WaitForFunctionAsync(
            "id => window.dispatchConsole.sourceData('tickets').features.some(f => f.properties.id === id && f.properties.status === 'Accepted')", ticketId);
        await page.Locator("[data-testid=ticket-panel-status][data-status=Accepted]").WaitForAsync();

        await console.ScreenshotAsync("console-accepted-panel.png");

        // 8. The dispatcher closes the panel and acknowledges the breach alert; it stays in the feed, muted, saying who.
        await page.GetByTestId("panel-close").ClickAsync();
        await breach.GetByTestId("alert-ack").ClickAsync();
        await page.Locator($"[data-testid=alert-item][data-ticket-id='{ticketId}'][data-kind=breach][data-acknowledged=true]").WaitForAsync();
        await console.ScreenshotAsync("console-accepted.png");

        Assert.Empty(console.PageErrors);
        Assert.Empty(phone.PageErrors);
    }

    [Fact]
    public async Task An_open_engineer_app_gets_the_offer_pushed_shares_a_demo_route_and_can_decline()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var skill = "push-" + tag;
        var engineerId = "eng-push-" + tag;
        var customerId = "cust-push-" + tag;
        await EngineerAsync(engineerId, skill);
        await CustomerAsync(customerId);

        // The phone is open (demo route) before the ticket exists: the offer can only arrive as a push.
        await using var phone = await app.OpenAsync($"/engineer.html?demo=1&engineer={engineerId}", output, "engineer-push", width: 390, height: 844);
        var page = phone.Page;
        await page.GetByTestId("login-submit").ClickAsync();
        await page.Locator("[data-testid=connection][data-state=connected]").WaitForAsync();
        await page.Locator("[data-testid=status-text][data-status=Available]").WaitForAsync();
        await page.Locator("[data-testid=position-line][data-mode=demo]", new PageLocatorOptions { HasText = "accepted" }).WaitForAsync();

        var ticketId = await TicketAsync(customerId, skill);
        var offer = page.Locator($"[data-testid=offer-card][data-ticket-id='{ticketId}']");
        await offer.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        Assert.Contains("MRI chiller alarm", await page.GetByTestId("offer-title").InnerTextAsync(), StringComparison.Ordinal);
        await phone.ScreenshotAsync("engineer-offer-pushed.png");

        // The reason is chosen from a list, not typed into a prompt.
        await page.GetByTestId("offer-decline").ClickAsync();
        await page.GetByTestId("decline-reason-too-far").ClickAsync();
        await offer.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });
        await page.GetByTestId("app-notice").Filter(new LocatorFilterOptions { HasText = ticketId }).WaitForAsync();
        using var dispatcher = await app.App.ClientAsAsync("dispatcher");
        var ticket = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}");
        Assert.Contains(ticket.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("what").GetString() == "ticket.offer-lapsed"
            && e.GetProperty("why").GetString()!.Contains("Too far away", StringComparison.Ordinal));
        Assert.Empty(phone.PageErrors);
    }

    [Fact]
    public async Task Both_pages_switch_to_simplified_chinese_and_remember_it()
    {
        await using var console = await app.OpenAsync("/console.html", output, "console-zh");
        var page = console.Page;
        // The switch works once the console's script has run, which shows the sign-in form: the load event no longer
        // waits for it (one bundled module script, whose top-level await on the sign-in options may outlast the load).
        await page.Locator("#login").WaitForAsync();
        await page.GetByTestId("lang-switch").SelectOptionAsync("zh");
        Assert.Equal("登录调度台", await page.Locator("#login h1").InnerTextAsync());
        Assert.Equal("调度员", (await page.GetByTestId("login-role").Locator("option").First.InnerTextAsync()).Trim());
        await page.GetByTestId("login-submit").ClickAsync();
        await page.Locator("[data-testid=connection][data-state=connected]").WaitForAsync();
        await page.WaitForFunctionAsync("() => window.dispatchConsole?.board.snapshotAt != null");
        Assert.Equal("未结工单", await page.Locator("[data-testid=kpi-openBacklog] .label").InnerTextAsync());
        Assert.Equal("热力图", await page.Locator("#heat-switch legend").InnerTextAsync());
        await console.ScreenshotAsync("console-zh.png");

        // The choice is kept in localStorage: the engineer app in the same browser opens in Chinese.
        var engineer = await console.Context.NewPageAsync();
        await engineer.GotoAsync("/engineer.html");
        // The page is translated once its modules have loaded, which on a busy machine is after the load event.
        await engineer.WaitForFunctionAsync("() => document.querySelector('#login h1').textContent !== 'Sign in as an engineer'");
        Assert.Equal("工程师登录", await engineer.Locator("#login h1").InnerTextAsync());

        // And the landing page, which links both apps and shows health.
        await engineer.GotoAsync("/");
        Assert.Equal("调度台", await engineer.GetByTestId("link-console").Locator("h2").InnerTextAsync());
        await engineer.Locator("[data-testid=health] dd.up").First.WaitForAsync();
        Assert.Empty(console.PageErrors);
    }

    private async Task ShortPolicyAsync(string policy)
    {
        using var admin = await app.App.ClientAsAsync("admin");
        var response = await admin.PutAsync($"/api/sla/policies/{policy}?position=0", Json($$"""
            {"id": "{{policy}}", "name": "Browser test: five seconds", "match": {"tiers": ["{{BrowserAppFixture.TestTier}}"]},
             "targets": [{"metric": "response", "target": "00:00:05", "calendar": "24x7"}],
             "ladder": [{"id": "breach", "kind": "breach", "percent": 100, "level": 1, "actions": [{"type": "alertRole", "role": "dispatcher"}]}]}
            """));
        await EnsureAsync(response);
    }

    private async Task EngineerAsync(string id, string skill)
    {
        // The test's own skill keeps its engineer apart from others; like any skill, an admin adds it to the catalogue first.
        using (var admin = await app.App.ClientAsAsync("admin"))
        {
            await EnsureAsync(await admin.PutAsync($"/api/skills/{skill}", Json($$"""{"name": "Browser test {{skill}}"}""")));
        }
        using var dispatcher = await app.App.ClientAsAsync("dispatcher");
        await EnsureAsync(await dispatcher.PutAsync($"/api/engineers/{id}", Json($$"""
            {"name": "Wang Wei", "skills": {"{{skill}}": 90}, "homeBase": {"lat": {{N(Lat + 0.002)}}, "lon": {{N(Lon)}}}, "capacity": 1, "phone": "+86 21 5555 0101"}
            """)));
        using var engineer = await app.App.ClientAsAsync("engineer", id);
        await EnsureAsync(await engineer.PostAsync($"/api/engineers/{id}/status", Json("""{"status":"Available"}""")));
        var at = DateTimeOffset.UtcNow.ToString("O");
        await EnsureAsync(await engineer.PostAsync($"/api/engineers/{id}/position", Json($$"""{"lat": {{N(Lat + 0.002)}}, "lon": {{N(Lon)}}, "at": "{{at}}", "accuracy": 8}""")));
    }

    private async Task CustomerAsync(string id)
    {
        using var dispatcher = await app.App.ClientAsAsync("dispatcher");
        await EnsureAsync(await dispatcher.PutAsync($"/api/customers/{id}", Json($$"""
            {"name": "Browser Test Clinic", "tier": "{{BrowserAppFixture.TestTier}}",
             "sites": [{"id": "main", "name": "Clinic", "lat": {{N(Lat)}}, "lon": {{N(Lon)}}, "address": "88 Riverside Road"}]}
            """)));
    }

    private async Task<string> TicketAsync(string customerId, string skill)
    {
        using var intake = await app.App.ClientAsAsync("intake");
        var response = await intake.PostAsync("/api/tickets", Json($$"""
            {"customerId": "{{customerId}}", "title": "MRI chiller alarm", "description": "Compressor trips after five minutes",
             "serviceType": "repair", "priority": "P2", "location": {"lat": {{N(Lat)}}, "lon": {{N(Lon)}}},
             "requiredSkills": ["{{skill}}"], "channel": "web"}
            """));
        await EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static string N(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
