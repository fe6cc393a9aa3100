namespace Dispatch.Browser.Tests;

/// <summary>
/// The first markers are drawn before the basemap: with software WebGL each frame that first draws a layer type compiles
/// its programs while the page waits, so the frame that shows the first markers has nothing else to compile. The basemap,
/// the regions and the routes then go under the markers.
/// </summary>
public sealed partial class ConsoleShiftTests
{
    // Installed before the page's scripts: the style's layers at the first frame that drew a marker.
    private const string FirstMarkerFrame = """
        (() => {
          const seen = window.__firstMarkerFrame = { layers: null };
          const markers = ["engineers", "tickets", "engineers-clusters", "tickets-clusters"];
          const watch = map => map.on("render", () => {
            if (seen.layers) return;
            const layers = markers.filter(id => map.getLayer(id));
            if (layers.length && map.queryRenderedFeatures({ layers }).length) seen.layers = map.getStyle().layers.map(l => l.id);
          });
          let current = null;
          Object.defineProperty(window, "dispatchConsole", { configurable: true, get: () => current, set: value => {
            current = value;
            if (value.map.map) { watch(value.map.map); return; }
            let map = null;
            Object.defineProperty(value.map, "map", { configurable: true, get: () => map, set: made => { map = made; if (made) watch(made); } });
          } });
        })();
        """;

    [Fact]
    public async Task The_first_markers_are_drawn_before_the_basemap_which_then_goes_under_them()
    {
        // An engineer on the board, so that the snapshot has a marker to draw.
        var engineerId = "eng-underlay-" + Guid.NewGuid().ToString("N")[..8];
        await EngineerAsync(engineerId, "browser-underlay", Lat);

        await using var console = await app.OpenAsync("/console.html", output, "console-underlay");
        var page = console.Page;
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForFunctionAsync("id => window.dispatchConsole?.board.engineers.has(id)", engineerId);
        // Signed in: the console again from the start, watched from its first frame.
        await page.AddInitScriptAsync(FirstMarkerFrame);
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => window.__firstMarkerFrame.layers != null");
        await page.WaitForFunctionAsync("() => window.dispatchConsole.map.map.queryRenderedFeatures({ layers: ['basemap-land'] }).length > 0");

        var first = await page.EvaluateAsync<string[]>("() => window.__firstMarkerFrame.layers");
        Assert.DoesNotContain("background", first);
        Assert.DoesNotContain(first, id => id.StartsWith("basemap-", StringComparison.Ordinal) || id.StartsWith("regions-", StringComparison.Ordinal));

        // Afterwards, bottom to top: the basemap, the regions, the heatmap, the routes, the markers.
        var layers = (await page.EvaluateAsync<string[]>("() => window.dispatchConsole.map.map.getStyle().layers.map(l => l.id)")).ToList();
        string[] order = ["background", "basemap-land", "basemap-water", "basemap-roads-minor", "basemap-roads-major-casing", "basemap-roads-major",
            "basemap-borders", "regions-fill", "regions-outline", "heat", "routes", "tickets-clusters", "engineers-clusters", "tickets-selected", "tickets", "engineers"];
        Assert.Equal(order, layers.Where(order.Contains));
    }
}
