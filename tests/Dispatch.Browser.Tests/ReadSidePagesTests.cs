using Dispatch.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dispatch.Browser.Tests;

/// <summary>
/// The Tickets and Reports pages in a real browser: a closed ticket (its history written to the event log and
/// projected by the silo) is found by a word of its title, opened with its audit trail, and its region's report
/// drawn as a chart from the link the console's tiles use.
/// </summary>
public sealed class ReadSidePagesTests(BrowserAppFixture app, ITestOutputHelper output) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task A_closed_ticket_is_found_by_text_and_opened_and_a_report_is_drawn()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (ticketId, region, word) = ($"t-closed-{tag}", $"region-{tag}", $"compressor{tag}");
        await app.ClosedTicketAsync(ticketId, $"Rattling {word} in the cold room", DateTimeOffset.UtcNow.AddDays(-2), "P2", region);

        await using var tickets = await app.OpenAsync("/tickets.html", output, "tickets");
        var page = tickets.Page;
        await page.GetByTestId("login-role").SelectOptionAsync("dispatcher");
        await page.GetByTestId("login-submit").ClickAsync();
        await page.GetByTestId("ticket-q").FillAsync(word.ToUpperInvariant());
        await page.GetByTestId("ticket-status").SelectOptionAsync("Closed");
        var row = page.Locator($"[data-testid=ticket-result][data-ticket-id='{ticketId}'][data-status=Closed]");
        // The projector may not have read the history yet: search again until it has.
        for (var attempt = 0; !await row.IsVisibleAsync(); attempt++)
        {
            Assert.True(attempt < 60, "the closed ticket never appeared in search");
            await page.GetByTestId("ticket-search").ClickAsync();
            await page.WaitForTimeoutAsync(500);
        }
        await row.ClickAsync();
        await page.Locator("[data-testid=ticket-detail] [data-testid=audit-event][data-type='ticket.closed']").WaitForAsync();
        await page.Locator("[data-testid=ticket-detail] [data-testid=audit-event][data-type='ticket.created']").WaitForAsync();
        Assert.Equal("Closed", await page.Locator("[data-testid=ticket-detail] dd[data-fact='col.status']").InnerTextAsync());
        await tickets.ScreenshotAsync("tickets-closed.png");

        // The console's tiles link to reports.html?report=NAME&region=ID; the session carries over.
        await page.GotoAsync($"/reports.html?report=stages&region={region}");
        await page.Locator("[data-testid=bottleneck]", new PageLocatorOptions { HasText = "OnSite" }).WaitForAsync();
        await page.WaitForFunctionAsync("() => Chart.getChart(document.querySelector('[data-testid=stage-chart]')) != null");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "KPIs" }).ClickAsync();
        // The daily series of the region: one ticket created in the 30 days (the second column counts them).
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('[data-testid=kpi-row]')].reduce((n, r) => n + Number(r.children[1].textContent), 0) === 1");
        await page.WaitForFunctionAsync("() => Chart.getChart(document.querySelector('[data-testid=kpi-chart]')) != null");
        await tickets.ScreenshotAsync("reports-kpis.png");
        Assert.Empty(tickets.PageErrors);
    }
}
