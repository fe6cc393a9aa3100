using Microsoft.Playwright;

namespace Dispatch.Browser.Tests;

/// <summary>
/// The plan view redraws its queue whenever tickets change: a dispatcher who has pressed on a ticket when that happens
/// still drags that ticket, and the drop offers it.
/// </summary>
public sealed partial class ConsoleShiftTests
{
    [Fact]
    public async Task A_ticket_pressed_in_the_queue_still_drags_when_another_ticket_arrives_under_the_press()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var engineerId = "eng-press-" + tag;
        var customerId = "cust-press-" + tag;
        await EngineerAsync(engineerId, "press-" + tag, Lat + 0.004);
        await CustomerAsync(customerId);
        await using var console = await SignedInConsoleAsync("console-press");
        var page = console.Page;
        var ticketId = await TicketAsync(customerId, "rare-" + tag, "P2");

        await page.GetByTestId("view-plan").ClickAsync();
        var item = page.Locator($"[data-testid=queue-item][data-ticket-id='{ticketId}']");
        var row = page.Locator($"[data-testid=roster-row][data-engineer-id='{engineerId}']");
        await item.WaitForAsync();
        await row.WaitForAsync();
        await item.HoverAsync();
        await page.Mouse.DownAsync();

        // Another ticket arrives while the button is down: the board takes it (the list beside draws it) before the drag.
        var other = await TicketAsync(customerId, "rare-" + tag, "P1");
        await page.Locator($"[data-testid=ticket-row][data-ticket-id='{other}']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await row.Locator(".timeline-bar").HoverAsync();
        await page.Mouse.UpAsync();

        await page.Locator("[data-testid=plan-status][data-state=offered]", new PageLocatorOptions { HasText = ticketId }).WaitForAsync();
        await page.WaitForFunctionAsync("([id, e]) => window.dispatchConsole.board.tickets.get(id)?.engineerId === e", new[] { ticketId, engineerId });
        Assert.Empty(console.PageErrors);
    }
}
