using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Dispatch.Browser.Tests;

/// <summary>
/// The map in detail: a ticket dropped on an engineer's marker is offered to them (a cluster of engineers refuses it),
/// clusters show their count and the worst SLA state inside them, hover cards, an en-route engineer's route, and the
/// heatmap legend's robust top value. (A part of ConsoleShiftTests: the same app, sign-in and data helpers.)
/// </summary>
public sealed partial class ConsoleShiftTests
{
    /// <summary>Centres the map on the point at this zoom and gives where the point is drawn (px from the map's top left).</summary>
    private const string CentreOn = """
        ([lon, lat, zoom]) => new Promise(done => {
          const map = window.dispatchConsole.map.map;
          map.once("idle", () => { const p = map.project([lon, lat]); done([p.x, p.y]); });
          map.jumpTo({ center: [lon, lat], zoom });
        })
        """;

    [Fact]
    public async Task The_map_a_ticket_dropped_on_an_engineer_is_offered_to_them_and_a_cluster_of_engineers_refuses_it()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (first, second) = ($"eng-mapdrop-a-{tag}", $"eng-mapdrop-b-{tag}");
        var customerId = $"cust-mapdrop-{tag}";
        // Two engineers 110 m apart, west of where the other tests' engineers are: one cluster at zoom 12.5, two markers at 16.
        const double eLat = Lat + 0.009, eLon = Lon - 0.011;
        await EngineerAsync(first, $"mapdrop-{tag}", eLat, eLon);
        await EngineerAsync(second, $"mapdrop-{tag}", eLat + 0.001, eLon);
        await CustomerAsync(customerId);
        await using var console = await SignedInConsoleAsync("console-map-drop");
        var page = console.Page;
        // Nobody has the skill: the engine leaves both in the unassigned queue.
        var queued = await TicketAsync(customerId, $"rare-{tag}", "P2");
        var listed = await TicketAsync(customerId, $"rare-{tag}", "P3");
        await page.WaitForFunctionAsync("ids => window.dispatchConsole.map.ready && ids.every(id => window.dispatchConsole.board.engineers.has(id))", new[] { first, second });
        var map = page.GetByTestId("map");
        var status = page.GetByTestId("map-drop-status");

        // From the plan view's queue onto the first engineer's marker: offered to them, and the console says so.
        await page.GetByTestId("view-plan").ClickAsync();
        var item = page.Locator($"[data-testid=queue-item][data-ticket-id='{queued}']");
        await item.WaitForAsync();
        var at = await page.EvaluateAsync<double[]>(CentreOn, new[] { eLon, eLat, 16 });
        await page.WaitForFunctionAsync("([x, y, id]) => window.dispatchConsole.map.engineerAt([x, y])?.engineer?.id === id", new object[] { at[0], at[1], first });
        await DropAsync(page, item, map, (at[0], at[1]));
        await page.Locator("[data-testid=map-drop-status][data-state=offered]", new PageLocatorOptions { HasText = first }).WaitForAsync();
        Assert.Contains("waiting", await status.InnerTextAsync(), StringComparison.Ordinal);
        await page.WaitForFunctionAsync("([id, e]) => window.dispatchConsole.board.tickets.get(id)?.engineerId === e", new[] { queued, first });
        Assert.Equal(first, await AssignedEngineerAsync(queued));
        await console.ScreenshotAsync("console-map-drop.png");

        // From a ticket-list row onto the two engineers drawn as one: refused, and the map zooms in to split them.
        await page.GetByTestId("view-list").ClickAsync();
        var row = page.Locator($"[data-testid=ticket-row][data-ticket-id='{listed}']");
        await row.WaitForAsync();
        at = await page.EvaluateAsync<double[]>(CentreOn, new[] { eLon, eLat + 0.0005, 12.5 });
        await page.WaitForFunctionAsync("([x, y]) => window.dispatchConsole.map.engineerAt([x, y])?.cluster != null", new object[] { at[0], at[1] });
        await DropAsync(page, row, map, (at[0], at[1]));
        await page.Locator("[data-testid=map-drop-status][data-state=cluster]").WaitForAsync();
        Assert.Contains("zoomed in", await status.InnerTextAsync(), StringComparison.Ordinal);
        await page.WaitForFunctionAsync("() => { const map = window.dispatchConsole.map.map; return !map.isMoving() && map.getZoom() > 12.5; }");
        Assert.Null(await AssignedEngineerAsync(listed));

        // Zoomed in, the same row onto the second engineer: offered to them.
        at = await page.EvaluateAsync<double[]>(CentreOn, new[] { eLon, eLat + 0.001, 16 });
        await page.WaitForFunctionAsync("([x, y, id]) => window.dispatchConsole.map.engineerAt([x, y])?.engineer?.id === id", new object[] { at[0], at[1], second });
        await DropAsync(page, row, map, (at[0], at[1]));
        await page.Locator("[data-testid=map-drop-status][data-state=offered]", new PageLocatorOptions { HasText = second }).WaitForAsync();
        Assert.Equal(second, await AssignedEngineerAsync(listed));
        Assert.Empty(console.PageErrors);
    }

    [Fact]
    public async Task The_map_clusters_show_their_count_and_the_worst_sla_state_inside_and_split_when_zoomed_in()
    {
        await using var console = await FakeBoardConsoleAsync("console-map-clusters", """
            {
              tickets: [ticket("cl-t1", "breached", 121.6200, 31.3300), ticket("cl-t2", "running", 121.6203, 31.3302),
                        ticket("cl-t3", "warning", 121.5900, 31.3300), ticket("cl-t4", "running", 121.5903, 31.3302),
                        ticket("cl-t5", "warning", 121.5901, 31.3301)],
              engineers: [engineer("cl-e1", "Available", 121.6500, 31.3300), engineer("cl-e2", "Available", 121.6503, 31.3302)],
            }
            """);
        var page = console.Page;

        // At zoom 11 each group is one cluster: the tickets' in the colour of the worst state inside, with its count
        // drawn on it by WebGL (an image of the figure, white on the dark fills, dark on a warning's light fill).
        await page.EvaluateAsync<double[]>(CentreOn, new[] { 121.62, 31.33, 11 });
        AssertFill("#D55E00", await ClusterPixelsAsync(page, "tickets-clusters", 2, 8));
        AssertDrawn(await ClusterPixelsAsync(page, "tickets-clusters", 2, 4), light: true);
        AssertFill("#F0E442", await ClusterPixelsAsync(page, "tickets-clusters", 3, 8));
        AssertDrawn(await ClusterPixelsAsync(page, "tickets-clusters", 3, 4), light: false);

        // The engineers' cluster: its count, in a colour of its own (not the green of an available engineer).
        AssertFill("#3B4A5A", await ClusterPixelsAsync(page, "engineers-clusters", 2, 8));
        AssertDrawn(await ClusterPixelsAsync(page, "engineers-clusters", 2, 4), light: true);
        // (Others may have been made on the way: the console's first fit draws the clusters of the zooms it passes.)
        var images = await CountImagesAsync(page);
        Assert.Contains("cluster-count:dark:3", images);
        Assert.Contains("cluster-count:light:2", images);
        await console.ScreenshotAsync("console-map-clusters.png");

        // Zoomed in they come apart: both tickets drawn on their own, no cluster and no count left.
        await page.EvaluateAsync<double[]>(CentreOn, new[] { 121.6201, 31.3301, 16 });
        // Waited for, with the map drawing: MapLibre answers a query of a symbol layer (the counts) from its last placement
        // of the symbols, which it redoes at most every 300 ms. A map that went idle sooner after the zoom kept answering with
        // the count of the cluster the two were in until it drew again (seen in 2 runs of 10).
        await page.WaitForFunctionAsync("""
            () => {
              const map = window.dispatchConsole.map.map;
              map.triggerRepaint();
              return ['cl-t1', 'cl-t2'].every(id => map.queryRenderedFeatures({ layers: ['tickets'] }).some(f => f.properties.id === id))
                && map.queryRenderedFeatures({ layers: ['tickets-cluster-counts', 'tickets-clusters'] }).length === 0;
            }
            """);
        Assert.Empty(console.PageErrors);
    }

    /// <summary>
    /// The map's pixels (RGBA, one after another) in the box ± <paramref name="half"/> px around the cluster of
    /// <paramref name="count"/> markers of a cluster layer, once its count is drawn and the map stands still (the
    /// console's first fit may still be moving it): found, projected and read in one go.
    /// </summary>
    private static async Task<double[]> ClusterPixelsAsync(IPage page, string layer, int count, double half)
    {
        var found = await page.WaitForFunctionAsync("""
            ([layer, count, half]) => {
              const map = window.dispatchConsole.map.map;
              if (!map.loaded() || map.isMoving()) return null;
              const label = map.queryRenderedFeatures({ layers: [layer.replace("-clusters", "-cluster-counts")] })
                .find(f => f.properties.point_count === count);
              if (!label) return null;
              const { x, y } = map.project(label.geometry.coordinates);
              const canvas = map.getCanvas();
              const ratio = canvas.width / canvas.clientWidth;
              const copy = document.createElement("canvas");
              copy.width = canvas.width;
              copy.height = canvas.height;
              const context = copy.getContext("2d");
              context.drawImage(canvas, 0, 0);
              const side = Math.max(1, Math.round(half * ratio));
              return [...context.getImageData(Math.round(x * ratio) - side, Math.round(y * ratio) - side, 2 * side + 1, 2 * side + 1).data];
            }
            """, new object[] { layer, count, half });
        return await found.JsonValueAsync<double[]>();
    }

    /// <summary>The images of the counts the map has made (made only when a count layer asks for one).</summary>
    private static Task<string[]> CountImagesAsync(IPage page) =>
        page.EvaluateAsync<string[]>("() => window.dispatchConsole.map.map.listImages().filter(id => id.startsWith('cluster-count:')).sort()");

    /// <summary>
    /// The cluster's fill is drawn around its count: some pixel of the patch is the colour (the count and its halo
    /// cover the middle, the ring and its edge the outside).
    /// </summary>
    private static void AssertFill(string hex, double[] patch)
    {
        var expected = Convert.FromHexString(hex.TrimStart('#'));
        var nearest = patch.Chunk(4).MinBy(p => Enumerable.Range(0, 3).Max(i => Math.Abs(p[i] - expected[i])))!;
        AssertColor(hex, nearest);
    }

    /// <summary>Some pixel of the patch is the count's figure: near white (light) or near the dark ink (dark).</summary>
    private static void AssertDrawn(double[] patch, bool light)
    {
        var pixels = patch.Chunk(4).ToList();
        var figure = light
            ? pixels.Any(p => p.Take(3).Min() >= 200)
            : pixels.Any(p => p.Take(3).Max() <= 90);
        Assert.True(figure, $"no {(light ? "white" : "dark")} figure drawn on the cluster: {string.Join(" ", pixels.Select(p => $"({string.Join(",", p)})"))}");
    }

    [Fact]
    public async Task The_map_hover_cards_name_the_ticket_and_the_engineer_under_the_pointer()
    {
        await using var console = await FakeBoardConsoleAsync("console-map-hover", """
            {
              tickets: [ticket("hv-t1", "warning", 121.4700, 31.2300)],
              engineers: [engineer("hv-e1", "OnSite", 121.4720, 31.2300)],
            }
            """);
        var page = console.Page;
        await page.EvaluateAsync<double[]>(CentreOn, new[] { 121.4710, 31.2300, 15 });
        await page.WaitForFunctionAsync("() => window.dispatchConsole.map.map.queryRenderedFeatures({ layers: ['tickets'] }).some(f => f.properties.id === 'hv-t1')");

        var card = await HoverCardAsync(page, "hv-t1", [121.4700, 31.2300], "[data-testid=hover-card][data-ticket-id='hv-t1']");
        var text = await card.InnerTextAsync();
        Assert.Contains("hv-t1", text, StringComparison.Ordinal);
        Assert.Contains("On site", text, StringComparison.Ordinal);

        var engineerCard = await HoverCardAsync(page, "hv-e1", [121.4720, 31.2300], "[data-testid=hover-card][data-engineer-id='hv-e1']");
        Assert.Contains("Engineer hv-e1", await engineerCard.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("On site", await engineerCard.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(console.PageErrors);
    }

    [Fact]
    public async Task The_map_draws_an_en_route_engineer_hollow_with_the_route_to_their_ticket()
    {
        await using var console = await FakeBoardConsoleAsync("console-map-route", """
            {
              tickets: [{ ...ticket("rt-t1", "running", 121.4800, 31.2400), status: "EnRoute", engineerId: "rt-e1" }],
              engineers: [engineer("rt-e1", "EnRoute", 121.4760, 31.2370)],
            }
            """);
        var page = console.Page;
        await page.EvaluateAsync<double[]>(CentreOn, new[] { 121.4780, 31.2385, 15 });
        // The route's line is drawn, and runs through the point halfway between the engineer and the ticket.
        await page.WaitForFunctionAsync("""
            () => {
              const map = window.dispatchConsole.map.map;
              if (!map.getLayer("routes")) return false;
              const half = map.project([(121.4760 + 121.4800) / 2, (31.2370 + 31.2400) / 2]);
              return map.queryRenderedFeatures([[half.x - 3, half.y - 3], [half.x + 3, half.y + 3]], { layers: ["routes"] })
                .some(f => f.properties.engineerId === "rt-e1" && f.properties.ticketId === "rt-t1");
            }
            """);
        // Not a second blue dot beside the running tickets' dark blue: white inside a thick sky-blue ring, as in the legend.
        var look = await page.EvaluateAsync<string>("() => JSON.stringify(window.dispatchConsole.map.map.queryRenderedFeatures({ layers: ['engineers'] }).find(f => f.properties.id === 'rt-e1').properties)");
        Assert.Contains("\"c\":\"#ffffff\"", look);
        Assert.Contains("\"sc\":\"#56B4E9\"", look);
        var swatch = await page.EvaluateAsync<string[]>("() => { const s = getComputedStyle(document.querySelector('[data-testid=legend-engineer][data-status=EnRoute] .swatch')); return [s.backgroundColor, s.borderTopColor]; }");
        Assert.Equal(["rgb(255, 255, 255)", "rgb(86, 180, 233)"], swatch);
        await console.ScreenshotAsync("console-map-route.png");
        Assert.Empty(console.PageErrors);
    }

    [Fact]
    public async Task The_map_heat_legend_gives_its_unit_and_a_top_value_one_outlier_cell_does_not_set()
    {
        // Twenty cells of 1 to 20 open tickets and one of 1,000: the legend's top is the 95th percentile (20), not 1,000.
        await using var console = await FakeBoardConsoleAsync("console-map-heat", """
            {
              heat: [...Array.from({ length: 20 }, (_, i) => ({ layer: "demand", cell: `h${i}`, lon: 121.40 + i * 0.01, lat: 31.20, value: i + 1 })),
                { layer: "demand", cell: "outlier", lon: 121.45, lat: 31.25, value: 1000 }],
            }
            """);
        var page = console.Page;
        var legend = page.Locator("[data-testid=heat-legend][data-layer=demand][data-scale='20']");
        await legend.WaitForAsync();
        var text = await legend.InnerTextAsync();
        Assert.Contains("≥ 20 open tickets per cell (p95)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1,000", text, StringComparison.Ordinal);
        Assert.Empty(console.PageErrors);
    }

    /// <summary>
    /// Moves the pointer onto the marker at lngLat (projected now, where the map draws it) until its hover card shows:
    /// MapLibre answers a mouse move once its frame is drawn, and a move onto an unchanged point fires nothing new.
    /// </summary>
    private async Task<ILocator> HoverCardAsync(IPage page, string id, double[] lngLat, string selector)
    {
        var card = page.Locator(selector);
        var box = (await page.GetByTestId("map").BoundingBoxAsync())!;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var at = await page.EvaluateAsync<double[]>("lngLat => { const p = window.dispatchConsole.map.map.project(lngLat); return [p.x, p.y]; }", lngLat);
            // Off the markers first (the card goes, and could otherwise lie over the next marker), then onto this one.
            await page.Mouse.MoveAsync((float)(box.X + at[0]), (float)(box.Y + at[1] + 150));
            await page.Mouse.MoveAsync((float)(box.X + at[0] + (attempt % 2)), (float)(box.Y + at[1]), new MouseMoveOptions { Steps = 3 });
            try
            {
                await card.WaitForAsync(new LocatorWaitForOptions { Timeout = 1000 });
                return card;
            }
            catch (TimeoutException)
            {
                output.WriteLine($"no hover card for {id} yet at {at[0]}, {at[1]}: " + await page.EvaluateAsync<string>(
                    "([x, y]) => { const map = window.dispatchConsole.map.map; return JSON.stringify(map.queryRenderedFeatures([x, y]).map(f => f.layer.id + ':' + f.properties.id)) + ' over ' + document.elementFromPoint(x + map.getContainer().getBoundingClientRect().left, y + map.getContainer().getBoundingClientRect().top)?.className; }", at));
            }
        }
        await card.WaitForAsync();
        return card;
    }

    /// <summary>A signed-in console whose board is a snapshot made up here (tickets, engineers, heat: a JS object literal).</summary>
    private async Task<Infrastructure.BrowserPage> FakeBoardConsoleAsync(string name, string snapshot)
    {
        var console = await app.OpenAsync("/console.html", output, name);
        var page = console.Page;
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForFunctionAsync("() => window.dispatchConsole?.board.snapshotAt != null && window.dispatchConsole.map.ready");
        await page.EvaluateAsync($$"""
            () => {
              const now = new Date().toISOString();
              const ticket = (id, slaState, lon, lat) => ({ id, status: "OnSite", priority: "P2", lat, lon, slaState, nextDueAt: now, escalationLevel: 0,
                region: "riverside", title: "Map test " + id, customerId: "c", serviceType: "repair", createdAt: now, open: true, risk: 0.5, changedAt: now });
              const engineer = (id, status, lon, lat) => ({ id, name: "Engineer " + id, status, lat, lon, positionAt: now, region: "riverside", jobs: 0 });
              window.dispatchConsole.board.applySnapshot({ tickets: [], engineers: [], alerts: [], heat: [], kpis: null, ...({{snapshot}}) });
            }
            """);
        return console;
    }

    private async Task<string?> AssignedEngineerAsync(string ticketId)
    {
        using var dispatcher = await app.App.ClientAsAsync("dispatcher");
        var ticket = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}");
        return ticket.TryGetProperty("assignedEngineerId", out var engineer) && engineer.ValueKind == JsonValueKind.String ? engineer.GetString() : null;
    }

    private static void AssertColor(string hex, double[] pixel)
    {
        var expected = Convert.FromHexString(hex.TrimStart('#'));
        for (var i = 0; i < 3; i++)
        {
            Assert.True(Math.Abs(pixel[i] - expected[i]) <= 3, $"{hex} expected, the map drew rgba({string.Join(", ", pixel)})");
        }
    }
}
