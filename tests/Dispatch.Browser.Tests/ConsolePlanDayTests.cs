using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Testing;
using Microsoft.Playwright;
using static Dispatch.Browser.Tests.Infrastructure.BrowserAppData;

namespace Dispatch.Browser.Tests;

/// <summary>
/// The plan view's roster reaches every engineer (searched, paged), each row draws the engineer's day as it happened
/// (shift, the break they took, the travel to the job they are on), and the status line of a drop follows the offer.
/// </summary>
public sealed partial class ConsoleShiftTests
{
    [Fact]
    public async Task The_roster_search_finds_an_engineer_past_the_first_300_and_their_row_shows_shift_break_and_travel()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        // 305 available engineers sort ahead of one on the way to a job (by status, then name).
        using (var gate = new SemaphoreSlim(6))
        {
            await Task.WhenAll(Enumerable.Range(0, 305).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    await EngineerAsync($"eng-crowd-{tag}-{i:000}", $"crowd-{tag}", Lat + 0.01 + i * 0.00002, Lon + 0.01);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        var engineerId = $"eng-day-{tag}";
        var skill = $"day-{tag}";
        await EngineerAsync(engineerId, skill, Lat + 0.002);
        using var phone = await app.App.ClientAsAsync("engineer", engineerId);
        await EnsureAsync(await phone.PostAsync($"/api/engineers/{engineerId}/status", Json("""{"status":"OnBreak"}""")));
        await EnsureAsync(await phone.PostAsync($"/api/engineers/{engineerId}/status", Json("""{"status":"Available"}""")));
        var customerId = $"cust-day-{tag}";
        await CustomerAsync(customerId);
        var ticketId = await TicketAsync(customerId, skill, "P2");
        await Eventually.Until(() => phone.GetFromJsonAsync<JsonElement>($"/api/engineers/{engineerId}/work"),
            w => w.GetProperty("offer").ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(30), "the offer");
        await EnsureAsync(await phone.PostAsync($"/api/tickets/{ticketId}/accept", Json("{}")));
        await EnsureAsync(await phone.PostAsync($"/api/tickets/{ticketId}/en-route", Json("{}")));
        // The read side has the leg before the console reads the day.
        await Eventually.Until(() => phone.GetFromJsonAsync<JsonElement>($"/api/engineers/{engineerId}/day"),
            d => d.GetProperty("segments").EnumerateArray().Any(s => s.GetProperty("kind").GetString() == "travel"), TimeSpan.FromSeconds(30), "the travel leg");

        await using var console = await SignedInConsoleAsync("console-day");
        var page = console.Page;
        await page.WaitForFunctionAsync("n => window.dispatchConsole.board.engineers.size > n", 306);
        await page.GetByTestId("view-plan").ClickAsync();
        var row = page.Locator($"[data-testid=roster-row][data-engineer-id='{engineerId}']");
        await page.Locator("[data-testid=roster-row]").First.WaitForAsync();
        Assert.True(int.Parse(await page.GetByTestId("roster-range").GetAttributeAsync("data-count") ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 306);
        Assert.Equal(0, await row.CountAsync());

        await page.GetByTestId("roster-search").FillAsync($"day-{tag}");
        await row.WaitForAsync();
        Assert.Equal(1, await page.Locator("[data-testid=roster-row]").CountAsync());
        foreach (var kind in new[] { "shift", "break", "travel" })
        {
            await row.Locator($"[data-testid=day-segment][data-kind={kind}]").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        }
        Assert.Equal(ticketId, await row.Locator("[data-testid=day-segment][data-kind=travel]").GetAttributeAsync("data-ticket-id"));
        // A skill finds them too (the read side says who has it).
        await page.GetByTestId("roster-search").FillAsync($"skill:{skill}");
        await row.WaitForAsync();
        await console.ScreenshotAsync("console-plan-day.png");

        // The engineer panel draws the same day.
        await row.Locator("button.name").ClickAsync();
        await page.Locator("[data-testid=engineer-day] [data-testid=day-segment][data-kind=travel]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.Locator("[data-testid=engineer-day] [data-testid=day-segment][data-kind=break]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await console.ScreenshotAsync("console-engineer-day.png");
        Assert.Empty(console.PageErrors);
    }

    [Fact]
    public async Task The_plan_status_says_offered_then_accepted_when_the_engineer_takes_the_dropped_ticket()
    {
        await using var plan = await PlanViewAsync("follow", Lat + 0.005);
        var (console, _, engineerId, _, ticketId, _, _) = plan;
        var page = console.Page;
        await DropOnTimelineAsync(plan);
        await page.Locator("[data-testid=plan-status][data-state=offered]", new PageLocatorOptions { HasText = ticketId }).WaitForAsync();

        using var phone = await app.App.ClientAsAsync("engineer", engineerId);
        await EnsureAsync(await phone.PostAsync($"/api/tickets/{ticketId}/accept", Json("{}")));

        await page.Locator("[data-testid=plan-status][data-state=accepted]", new PageLocatorOptions { HasText = ticketId }).WaitForAsync();
        Assert.Contains(engineerId, await page.GetByTestId("plan-status").TextContentAsync() ?? "");
        Assert.Empty(console.PageErrors);
    }
}
