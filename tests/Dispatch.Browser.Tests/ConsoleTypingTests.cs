using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Dispatch.Browser.Tests.Infrastructure.BrowserAppData;

namespace Dispatch.Browser.Tests;

/// <summary>
/// The ticket panel redraws whenever its ticket changes (a push, another desk's action, the answer to one's own): a
/// dispatcher typing a reason at that moment keeps the keyboard and every key typed, and the fields they did not touch
/// show what the ticket is now, not what it was when the panel first drew them.
/// </summary>
public sealed partial class ConsoleShiftTests
{
    [Fact]
    public async Task A_reason_being_typed_keeps_its_keys_when_another_desk_changes_the_ticket_underneath()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var customerId = "cust-typing-" + tag;
        await CustomerAsync(customerId);
        await using var console = await SignedInConsoleAsync("console-typing");
        var page = console.Page;
        var ticketId = await TicketAsync(customerId, "nobody-" + tag, "P3");
        await page.EvaluateAsync("id => window.dispatchConsole.openTicket(id)", ticketId);
        var priority = page.GetByTestId("action-priority");
        var reason = priority.Locator("input[name=reason]");
        await reason.ClickAsync();
        await page.Keyboard.TypeAsync("caller says ");

        // Another desk changes the priority meanwhile: the panel redraws with it while the reason is half typed.
        using (var otherDesk = await app.App.ClientAsAsync("dispatcher"))
        {
            await EnsureAsync(await otherDesk.PostAsync($"/api/tickets/{ticketId}/priority", Json("""{"priority": "P2", "reason": "other desk"}""")));
        }
        await page.Locator("[data-testid=ticket-timeline] li[data-what='ticket.priority-changed']").WaitForAsync();
        Assert.Equal("P2", await priority.Locator("select[name=priority]").InputValueAsync());
        await page.Keyboard.TypeAsync("the site is flooding");
        Assert.Equal("caller says the site is flooding", await reason.InputValueAsync());

        // What was typed is what is sent.
        await priority.Locator("select[name=priority]").SelectOptionAsync("P1");
        await priority.Locator("button[type=submit]").ClickAsync();
        await page.Locator("[data-testid=panel-notice]", new PageLocatorOptions { HasText = "done" }).WaitForAsync();
        using var dispatcher = await app.App.ClientAsAsync("dispatcher");
        var ticket = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}");
        Assert.Equal("P1", ticket.GetProperty("priority").GetString());
        var raised = ticket.GetProperty("timeline").EnumerateArray().Last(e => e.GetProperty("what").GetString() == "ticket.priority-changed");
        Assert.Equal("caller says the site is flooding", raised.GetProperty("why").GetString());
        Assert.Empty(console.PageErrors);
    }
}
