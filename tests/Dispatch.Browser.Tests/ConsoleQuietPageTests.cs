using System.Text.Json;
using Microsoft.Playwright;

namespace Dispatch.Browser.Tests;

/// <summary>
/// What the page around the map does while the map moves and the clocks tick: as little as it can. The map's scale bar
/// is measured when the map comes to rest, and the ticket list rewrites the countdowns of the rows in view only. Each of
/// them, done at every frame or for all 500 rows, laid the whole page out again and took most of a panning frame on
/// software WebGL (README, "A pan that lays out the page"). (A part of ConsoleShiftTests: the same app and sign-in.)
/// </summary>
public sealed partial class ConsoleShiftTests
{
    [Fact]
    public async Task The_scale_bar_is_measured_when_the_map_comes_to_rest_not_at_every_frame_of_a_zoom()
    {
        await using var console = await SignedInConsoleAsync("console-scale-bar");
        var page = console.Page;
        await page.WaitForFunctionAsync("() => window.dispatchConsole?.map.ready");
        await page.EvaluateAsync("() => new Promise(done => { const map = window.dispatchConsole.map.map; map.once('idle', () => done(true)); map.jumpTo({ zoom: 12 }); })");

        // Zooming in two levels over a second: the bar's text and width change, but only once the zoom has ended.
        var zoom = await page.EvaluateAsync<JsonElement>("""
            () => new Promise(done => {
              const map = window.dispatchConsole.map.map;
              const bar = map.getContainer().querySelector(".maplibregl-ctrl-scale");
              const before = bar.textContent;
              let moving = true, changesWhileMoving = 0, frames = 0;
              new MutationObserver(records => { if (moving) changesWhileMoving += records.length; })
                .observe(bar, { attributes: true, childList: true, characterData: true, subtree: true });
              map.on("move", () => frames++);
              map.once("moveend", () => {
                moving = false;
                // After the other moveend listeners (the bar's own among them) have run.
                setTimeout(() => done([before, bar.textContent, changesWhileMoving, frames]), 0);
              });
              map.easeTo({ zoom: 14, duration: 1000 });
            })
            """);
        var (before, after, changesWhileMoving, frames) = (zoom[0].GetString(), zoom[1].GetString(), zoom[2].GetInt32(), zoom[3].GetInt32());
        Assert.True(frames > 2, $"the zoom drew {frames} frames");
        Assert.Equal(0, changesWhileMoving);
        Assert.NotEqual(before, after);
        Assert.Empty(console.PageErrors);
    }

    [Fact]
    public async Task The_ticket_list_counts_down_the_rows_in_view_and_a_row_scrolled_into_view_shows_its_countdown_at_once()
    {
        await using var console = await SignedInConsoleAsync("console-countdowns");
        var page = console.Page;
        await page.WaitForFunctionAsync("() => window.dispatchConsole?.board.snapshotAt != null");

        // 300 open tickets of this page's board, due 10 to 15 minutes from now: each countdown's text changes every second
        // ("in 12 min 05 s"). The pointer rests on the list, so that no update from the live board redraws the rows.
        var ids = await page.EvaluateAsync<string[]>("""
            () => {
              const now = Date.now(), tickets = [];
              for (let i = 0; i < 300; i++) tickets.push({ id: `cd-${String(i).padStart(3, "0")}`, status: "Dispatching", priority: "P3",
                lat: 31.2, lon: 121.47, slaState: "running", nextDueAt: new Date(now + 600_000 + i * 1000).toISOString(),
                nextDueMetric: "response", escalationLevel: 0, engineerId: null, region: "riverside", title: "countdown", customerId: "c",
                serviceType: "repair", createdAt: new Date(now).toISOString(), open: true });
              window.dispatchConsole.board.applySnapshot({ tickets, engineers: [], alerts: [], heat: [], kpis: null });
              return [tickets[0].id, tickets[299].id];
            }
            """);
        var (top, bottom) = (ids[0], ids[1]);
        await page.Locator($"[data-testid=ticket-row][data-ticket-id='{bottom}']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.Locator($"[data-testid=ticket-row][data-ticket-id='{top}']").HoverAsync();
        await page.Locator("[data-testid=ticket-scroll][data-frozen=true]").WaitForAsync();

        // For two and a half seconds: the top row's countdown is rewritten at each tick, the bottom row's (out of view) not.
        var changes = await page.EvaluateAsync<int[]>("""
            ([top, bottom]) => new Promise(done => {
              const counts = { [top]: 0, [bottom]: 0 };
              const observer = new MutationObserver(records => {
                for (const record of records) {
                  const target = record.target.nodeType === Node.ELEMENT_NODE ? record.target : record.target.parentElement;
                  if (!target?.closest(".left")) continue;
                  const id = target.closest("tr")?.dataset.ticketId;
                  if (id in counts) counts[id]++;
                }
              });
              observer.observe(document.querySelector("[data-testid=ticket-list] tbody"), { childList: true, characterData: true, subtree: true });
              setTimeout(() => { observer.disconnect(); done([counts[top], counts[bottom]]); }, 2500);
            })
            """, new[] { top, bottom });
        Assert.True(changes[0] >= 2, $"the row in view was rewritten {changes[0]} times");
        Assert.Equal(0, changes[1]);

        // Scrolled into view, the bottom row shows how long is left now, to the second, before the next tick.
        var scrolled = await page.EvaluateAsync<JsonElement>("""
            id => new Promise(done => {
              const row = document.querySelector(`[data-testid=ticket-row][data-ticket-id='${id}']`);
              const scroller = document.querySelector("[data-testid=ticket-scroll]");
              scroller.addEventListener("scroll", () => setTimeout(() =>
                done([row.querySelector(".left").textContent, Date.parse(row.querySelector("td.countdown").dataset.due) - Date.now()]), 0), { once: true });
              row.scrollIntoView({ block: "center" });
            })
            """, bottom);
        var (shown, left) = (scrolled[0].GetString()!, scrolled[1].GetDouble());
        var words = System.Text.RegularExpressions.Regex.Match(shown, @"^in (\d+) min (\d\d) s$");
        Assert.True(words.Success, shown);
        var shownSeconds = int.Parse(words.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 60
            + int.Parse(words.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        // Written a moment before `left` was read: the same second, or the one before it.
        Assert.InRange(shownSeconds - Math.Floor(left / 1000), 0, 1);
        Assert.Empty(console.PageErrors);
    }
}
