using Microsoft.Playwright;

namespace Dispatch.Browser.Tests;

/// <summary>
/// What the map draws, and what it no longer draws for nothing (with software WebGL every pass over the canvas costs
/// a panning frame): the heatmap only while it has cells, the sky only on a pitched map, and every marker layer with one
/// WebGL program whose colours and sizes come from the features.
/// </summary>
public sealed partial class ConsoleShiftTests
{
    [Fact]
    public async Task The_map_draws_markers_with_one_program_and_skips_an_empty_heatmap_and_a_hidden_sky()
    {
        await using var console = await app.OpenAsync("/console.html", output, "console-map-drawing");
        var page = console.Page;
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForFunctionAsync("() => window.dispatchConsole?.board.snapshotAt != null && window.dispatchConsole.map.ready");

        // A breached, escalated P1 ticket and an engineer on the way, close together in the city.
        await page.EvaluateAsync("""
            () => {
              const now = new Date().toISOString();
              window.dispatchConsole.board.applySnapshot({
                tickets: [{ id: "draw-t1", status: "EnRoute", priority: "P1", lat: 31.2301, lon: 121.4701, slaState: "breached", nextDueAt: now,
                  escalationLevel: 1, engineerId: "draw-e1", region: "riverside", title: "t", customerId: "c", serviceType: "repair",
                  createdAt: now, open: true, risk: 0.5, changedAt: now }],
                engineers: [{ id: "draw-e1", name: "Draw", status: "EnRoute", lat: 31.2311, lon: 121.4711, positionAt: now, region: "riverside", jobs: 1 }],
                alerts: [], heat: [], kpis: null,
              });
              window.dispatchConsole.map.map.jumpTo({ center: [121.4706, 31.2306], zoom: 15 });
            }
            """);
        const string drawn = "() => { const map = window.dispatchConsole.map.map; return map.queryRenderedFeatures({ layers: ['tickets'] }).some(f => f.properties.id === 'draw-t1') && map.queryRenderedFeatures({ layers: ['engineers'] }).some(f => f.properties.id === 'draw-e1'); }";
        await page.WaitForFunctionAsync(drawn);

        // The ticket's look comes from its properties: size by priority, colour by SLA state, a thick ring when escalated.
        var ticket = await page.EvaluateAsync<string>("() => JSON.stringify(window.dispatchConsole.map.map.queryRenderedFeatures({ layers: ['tickets'] }).find(f => f.properties.id === 'draw-t1').properties)");
        Assert.Contains("\"r\":9", ticket);
        Assert.Contains("\"c\":\"#D55E00\"", ticket);
        Assert.Contains("\"sw\":2.5", ticket);
        var engineer = await page.EvaluateAsync<string>("() => JSON.stringify(window.dispatchConsole.map.map.queryRenderedFeatures({ layers: ['engineers'] }).find(f => f.properties.id === 'draw-e1').properties)");
        // On the way: hollow, a thick ring in the status's sky blue (a running ticket is dark blue).
        Assert.Contains("\"c\":\"#ffffff\"", engineer);
        Assert.Contains("\"sc\":\"#56B4E9\"", engineer);

        // Selected, the ticket gets its ring as well: still one circle program for all of them, and no sky on a flat map.
        await page.EvaluateAsync("() => window.dispatchConsole.map.select('draw-t1')");
        await page.WaitForFunctionAsync("() => window.dispatchConsole.map.map.queryRenderedFeatures({ layers: ['tickets-selected'] }).length > 0");
        const string programs = "() => Object.keys(window.dispatchConsole.map.map.painter.programCache.programs)";
        var compiled = await page.EvaluateAsync<string[]>(programs);
        Assert.Single(compiled, p => p.StartsWith("circle/", StringComparison.Ordinal));
        Assert.DoesNotContain(compiled, p => p.StartsWith("sky/", StringComparison.Ordinal));
        Assert.Equal("none", await page.EvaluateAsync<string>("() => window.dispatchConsole.map.map.getLayoutProperty('heat', 'visibility')"));

        // Heat cells turn the heatmap on; none left turn it off again.
        await page.EvaluateAsync("() => window.dispatchConsole.map.setHeat([{ cell: 'x', lon: 121.4706, lat: 31.2306, value: 3 }])");
        Assert.Equal("visible", await page.EvaluateAsync<string>("() => window.dispatchConsole.map.map.getLayoutProperty('heat', 'visibility')"));
        await page.EvaluateAsync("() => window.dispatchConsole.map.setHeat([])");
        Assert.Equal("none", await page.EvaluateAsync<string>("() => window.dispatchConsole.map.map.getLayoutProperty('heat', 'visibility')"));

        // Pitched, the map draws its sky again.
        await page.EvaluateAsync("() => new Promise(done => { const map = window.dispatchConsole.map.map; map.once('idle', () => done(true)); map.jumpTo({ pitch: 50 }); })");
        Assert.Contains(await page.EvaluateAsync<string[]>(programs), p => p.StartsWith("sky/", StringComparison.Ordinal));
    }
}
