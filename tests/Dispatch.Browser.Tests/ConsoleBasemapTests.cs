using Microsoft.Playwright;

namespace Dispatch.Browser.Tests;

/// <summary>
/// The console's map with no internet: the sample city's own basemap (land, water, roads, district borders and
/// names) is drawn from the server the page came from, and the page asks nothing of any other host.
/// </summary>
public sealed partial class ConsoleShiftTests
{
    [Fact]
    public async Task The_map_draws_the_sample_citys_basemap_from_the_server_alone()
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, BaseURL = app.BaseAddress.ToString(), Locale = "en-GB",
        });
        var elsewhere = new List<string>();
        context.Request += (_, request) =>
        {
            var url = new Uri(request.Url);
            if (url.Scheme is not ("data" or "blob") && url.Host != "127.0.0.1")
            {
                lock (elsewhere)
                {
                    elsewhere.Add(request.Url);
                }
            }
        };
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/console.html");
            await page.GetByTestId("login-role").SelectOptionAsync("dispatcher");
            await page.GetByTestId("login-submit").ClickAsync();
            await page.WaitForFunctionAsync("() => window.dispatchConsole?.map.ready && window.dispatchConsole.map.map.isSourceLoaded('basemap')");

            foreach (var layer in new[] { "basemap-land", "basemap-water", "basemap-roads-minor", "basemap-roads-major", "basemap-borders" })
            {
                await page.WaitForFunctionAsync("layer => window.dispatchConsole.map.map.queryRenderedFeatures({ layers: [layer] }).length > 0", layer);
            }
            await page.Locator("[data-testid=region-label]", new PageLocatorOptions { HasText = "Riverside" }).WaitForAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Infrastructure.BrowserAppFixture.ScreenshotFolder, "console-basemap.png") });
            lock (elsewhere)
            {
                Assert.Empty(elsewhere);
            }
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
