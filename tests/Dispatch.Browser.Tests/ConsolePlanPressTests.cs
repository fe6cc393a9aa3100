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
        await using var plan = await PlanViewAsync("press", Lat + 0.004);
        var (console, tag, engineerId, customerId, ticketId, item, row) = plan;
        var page = console.Page;
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
