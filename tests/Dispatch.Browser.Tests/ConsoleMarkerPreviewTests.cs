using System.Text.Json;
using Microsoft.Playwright;

namespace Dispatch.Browser.Tests;

/// <summary>
/// The marker preview: while MapLibre is still loading (here held back), the snapshot's markers and the live pushes
/// are drawn on a plain canvas over the map, where and in the colour MapLibre then draws them; MapLibre's first frame
/// with markers removes it.
/// </summary>
public sealed partial class ConsoleShiftTests
{
    // Away from the other tests' markers (which are at Lon), so that neither is clustered with them on the map.
    private const double PreviewLon = 121.39;
    private const double PreviewEngineerLat = 31.27;
    private const double PreviewTicketLat = 31.19;

    // The preview's pixel at a point (lon, lat) and dx CSS px to its right: [r, g, b, a, x, y] with x, y where the
    // preview draws the point (CSS px of the map's container), or null while there is no preview. Read two frames on,
    // after the preview has drawn what it was given (a change of the page's layout, such as the "next due" tile
    // wrapping, redraws it in the frame after).
    private const string PreviewPixel = """
        ([lon, lat, dx]) => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => {
          const preview = window.dispatchConsole?.map.preview;
          const canvas = document.querySelector("[data-testid=marker-preview]");
          if (!preview || !canvas || !canvas.width) return done(null);
          const [x, y] = preview.project([lon, lat]);
          const ratio = canvas.width / canvas.clientWidth;
          const pixel = canvas.getContext("2d").getImageData(Math.round((x + dx) * ratio), Math.round(y * ratio), 1, 1).data;
          done([...pixel, x, y]);
        }))))
        """;

    /// <summary>The preview's pixel at the point once something is drawn there (see PreviewPixel).</summary>
    private static async Task<double[]> PreviewPixelWhenDrawnAsync(IPage page, double[] at)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (await page.EvaluateAsync<double[]?>(PreviewPixel, at) is { } pixel && pixel[3] > 0)
            {
                return pixel;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"nothing drawn on the preview at {string.Join(", ", at)}");
    }


    [Fact]
    public async Task Markers_are_drawn_on_a_preview_while_MapLibre_loads_and_it_goes_once_MapLibre_draws_them()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var engineerId = "eng-preview-" + tag;
        var customerId = "cust-preview-" + tag;
        await EngineerAsync(engineerId, "preview-" + tag, PreviewEngineerLat, PreviewLon);
        await CustomerAsync(customerId);
        await using var console = await SignedInConsoleAsync("console-preview");
        var page = console.Page;
        await page.WaitForFunctionAsync("id => window.dispatchConsole.board.engineers.has(id)", engineerId);

        // The console again, with MapLibre's module held back until the test lets it through.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/maplibre-gl.mjs", async route =>
        {
            asked.TrySetResult();
            await release.Task;
            await route.ContinueAsync();
        });
        await page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.Commit });

        // The snapshot's engineer, drawn in its status's colour (Available: #009E73, opaque) where the map will draw it;
        // 20 px beside it nothing is drawn.
        // The regions first: the view is fitted to them once they are known (to the markers until then).
        await page.WaitForFunctionAsync("() => window.dispatchConsole?.map.data.regions.features.length > 0");
        double[] engineerAt = [PreviewLon, PreviewEngineerLat, 0];
        var engineer = await PreviewPixelWhenDrawnAsync(page, engineerAt);
        Assert.Equal(new double[] { 0, 158, 115, 255 }, engineer[..4]);
        Assert.Equal(0, (await page.EvaluateAsync<double[]>(PreviewPixel, new double[] { PreviewLon, PreviewEngineerLat, 20 }))[3]);
        Assert.True(await page.EvaluateAsync<bool>("() => window.dispatchConsole.map.map === null"), "MapLibre is held back, so no map yet");
        // The console asks for MapLibre once the preview has drawn the snapshot's markers.
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(await page.EvaluateAsync<bool>("() => performance.getEntriesByName('console:preview-marker-drawn').length === 1 && performance.getEntriesByName('console:first-marker-drawn').length === 1"));

        // A ticket opened meanwhile (nobody has its skill, so it stays open) comes as a push and is drawn too.
        var ticketId = await TicketAsync(customerId, "nobody-preview-" + tag, "P1", PreviewTicketLat, PreviewLon);
        double[] ticketAt = [PreviewLon, PreviewTicketLat, 0];
        var ticket = await PreviewPixelWhenDrawnAsync(page, ticketAt);
        Assert.True(await page.EvaluateAsync<bool>("id => window.dispatchConsole.map.map === null && window.dispatchConsole.board.tickets.has(id)", ticketId));

        // When the map fits its camera, the preview moves from its own projection to the map's: where it drew the
        // engineer just before and just after, in the same frame and at the same size.
        await page.EvaluateAsync("""
            at => {
              const preview = window.dispatchConsole.map.preview;
              const follow = preview.follow.bind(preview);
              preview.follow = project => {
                const before = window.__fitted ? null : preview.project(at);
                follow(project);
                if (before) window.__fitted = [...before, ...preview.project(at)];
              };
            }
            """, engineerAt[..2]);
        await console.ScreenshotAsync("console-marker-preview.png");

        // MapLibre let through: it draws both markers, and the preview is gone.
        release.SetResult();
        await page.WaitForFunctionAsync("""
            ([engineer, ticket]) => {
              const map = window.dispatchConsole.map.map;
              return map?.getLayer("engineers") && map.queryRenderedFeatures({ layers: ["engineers"] }).some(f => f.properties.id === engineer)
                && map.queryRenderedFeatures({ layers: ["tickets"] }).some(f => f.properties.id === ticket);
            }
            """, new[] { engineerId, ticketId });
        await page.WaitForFunctionAsync("() => window.dispatchConsole.map.preview === null && !document.querySelector('[data-testid=marker-preview]')");
        Assert.True(await page.EvaluateAsync<bool>("() => performance.getEntriesByName('console:map-marker-drawn').length === 1 && performance.getEntriesByName('console:first-marker-drawn').length === 1"));

        await console.ScreenshotAsync("console-marker-preview-handed-over.png");
        // The colour MapLibre draws the ticket in (from its feature), for the comparison below.
        var color = await page.EvaluateAsync<string>(
            "id => window.dispatchConsole.map.map.queryRenderedFeatures({ layers: ['tickets'] }).find(f => f.properties.id === id).properties.c", ticketId);
        // The preview's camera (the first view computed for the container's size) is the one MapLibre's fitBounds gave:
        // the markers do not move when the preview starts following the map.
        var fitted = await page.EvaluateAsync<double[]>("() => window.__fitted");
        output.WriteLine($"the engineer before and after the map's fit: {JsonSerializer.Serialize(fitted)}");
        Assert.InRange(fitted[0] - fitted[2], -1, 1);
        Assert.InRange(fitted[1] - fitted[3], -1, 1);
        var expected = Convert.FromHexString(color.TrimStart('#'));
        for (var i = 0; i < 3; i++)
        {
            Assert.InRange(ticket[i], expected[i] - 3, expected[i] + 3);
        }
        // The tickets' layer's opacity (0.9).
        Assert.InRange(ticket[3], 226, 233);
        Assert.Empty(console.PageErrors);
    }

    [Fact]
    public async Task MapLibre_is_fetched_only_once_the_snapshots_markers_are_drawn_so_it_does_not_hold_up_the_first_marker()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var engineerId = "eng-first-" + tag;
        // In the city's north-east corner, away from every other test's markers (no cluster takes them in).
        await EngineerAsync(engineerId, "first-" + tag, 31.29, 121.56);
        await using var console = await SignedInConsoleAsync("console-maplibre-later");
        var page = console.Page;
        await page.WaitForFunctionAsync("id => window.dispatchConsole.board.engineers.has(id)", engineerId);

        // A cold load (a routed request bypasses the HTTP cache, so the module is fetched again and timed).
        await page.RouteAsync("**/maplibre-gl.mjs", route => route.ContinueAsync());
        await page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForFunctionAsync("() => performance.getEntriesByName('console:map-marker-drawn').length === 1",
            null, new PageWaitForFunctionOptions { Timeout = 60_000 });

        // When the page asked for MapLibre's module, and when it drew the snapshot's markers on the preview (ms since
        // navigation, by the page's own clock).
        var times = await page.EvaluateAsync<double[]>("""
            () => [
              performance.getEntriesByType("resource").find(r => new URL(r.name).pathname.endsWith("/maplibre-gl.mjs"))?.startTime ?? -1,
              performance.getEntriesByName("console:preview-marker-drawn", "mark")[0]?.startTime ?? -1,
            ]
            """);
        output.WriteLine($"MapLibre's module asked for at {times[0]:F0} ms, the preview's first marker drawn at {times[1]:F0} ms");
        Assert.True(times[1] > 0, "the preview drew the snapshot's markers");
        Assert.True(times[0] > times[1], "MapLibre's module is asked for after the preview has drawn the snapshot's markers");
        Assert.Empty(console.PageErrors);
    }
}
