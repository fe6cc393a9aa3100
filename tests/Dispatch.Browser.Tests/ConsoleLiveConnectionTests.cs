using System.Collections.Concurrent;
using System.Text;
using Dispatch.Browser.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dispatch.Browser.Tests;

/// <summary>
/// How the console reaches its hub (shared/live.js): over WebSockets without SignalR's negotiate request first, and
/// when WebSockets do not connect, negotiated with SignalR's transport fallback (server-sent events, long polling),
/// with the same live markers, data-age banner and catching up after a reconnect.
/// </summary>
public sealed class ConsoleLiveConnectionTests(BrowserAppFixture app, ITestOutputHelper output) : IClassFixture<BrowserAppFixture>
{
    private const string Hub = "/hubs/dispatch";

    [Fact]
    public async Task Where_WebSockets_work_the_console_connects_without_a_negotiate_request_and_gets_live_markers()
    {
        await using var console = await app.OpenAsync("/console.html", output, "live-direct");
        var requests = Record(console.Page);
        var sockets = new ConcurrentQueue<string>();
        console.Page.WebSocket += (_, socket) => sockets.Enqueue(socket.Url);
        await SignInAsync(console.Page);

        var engineerId = await EngineerAsync("direct", 31.2);
        await MarkerAsync(console.Page, engineerId);

        Assert.DoesNotContain(requests, url => url.Contains($"{Hub}/negotiate", StringComparison.Ordinal));
        var socket = Assert.Single(sockets, url => url.Contains(Hub, StringComparison.Ordinal));
        Assert.DoesNotContain("id=", socket, StringComparison.Ordinal);
        Assert.Empty(console.PageErrors);
    }

    [Fact]
    public async Task Where_the_hub_offers_no_WebSockets_the_console_negotiates_another_transport_and_catches_up_after_a_drop()
    {
        app.OfferTransports(Hub, HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling);
        try
        {
            await using var console = await app.OpenAsync("/console.html", output, "live-fallback");
            var page = console.Page;
            var requests = Record(page);
            await SignInAsync(page);

            var first = await EngineerAsync("fallback", 31.19);
            await MarkerAsync(page, first);
            Assert.Contains(requests, url => url.Contains($"{Hub}/negotiate", StringComparison.Ordinal));
            // The transport negotiated: a server-sent event stream or long polling, both plain requests with the connection's id.
            Assert.Contains(requests, url => url.Contains($"{Hub}?id=", StringComparison.Ordinal));

            // The network drops: the banner says so; what changed meanwhile is on the map once the connection is back.
            await page.WaitForFunctionAsync("() => window.dispatchConsole.dataAge === 'fresh'");
            await console.Context.SetOfflineAsync(true);
            await page.Locator("[data-testid=data-age][data-state=stale], [data-testid=data-age][data-state=lost]")
                .WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            var meanwhile = await EngineerAsync("meanwhile", 31.21);
            await console.Context.SetOfflineAsync(false);
            await page.Locator("[data-testid=data-age][data-state=fresh]")
                .WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 45_000 });
            await MarkerAsync(page, meanwhile);
            Assert.Empty(console.PageErrors);
        }
        finally
        {
            app.OfferTransports(Hub, HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling);
        }
    }

    /// <summary>The URLs of the page's HTTP requests from now on.</summary>
    private static ConcurrentQueue<string> Record(IPage page)
    {
        var urls = new ConcurrentQueue<string>();
        page.Request += (_, request) => urls.Enqueue(request.Url);
        return urls;
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GetByTestId("login-role").SelectOptionAsync("dispatcher");
        await page.GetByTestId("login-submit").ClickAsync();
        await page.Locator("[data-testid=connection][data-state=connected]").WaitForAsync();
        await page.WaitForFunctionAsync("() => window.dispatchConsole?.board.snapshotAt != null");
    }

    /// <summary>Waits until the engineer is among the map's markers.</summary>
    private static async Task MarkerAsync(IPage page, string engineerId) =>
        await page.WaitForFunctionAsync(
            "id => window.dispatchConsole.sourceData('engineers')?.features.some(f => f.properties.id === id)", engineerId,
            new PageWaitForFunctionOptions { Timeout = 45_000 });

    /// <summary>An available engineer with a position in the sample city: pushed to the console as a marker.</summary>
    private async Task<string> EngineerAsync(string name, double lat)
    {
        var id = $"eng-live-{name}-{Guid.NewGuid():N}"[..24];
        var at = DateTimeOffset.UtcNow.ToString("O");
        using (var dispatcher = await app.App.ClientAsAsync("dispatcher"))
        {
            (await dispatcher.PutAsync($"/api/engineers/{id}", Json($$"""
                {"name": "Live {{name}}", "skills": {}, "homeBase": {"lat": {{N(lat)}}, "lon": 121.47}, "capacity": 1}
                """))).EnsureSuccessStatusCode();
        }
        using var engineer = await app.App.ClientAsAsync("engineer", id);
        (await engineer.PostAsync($"/api/engineers/{id}/status", Json("""{"status":"Available"}"""))).EnsureSuccessStatusCode();
        (await engineer.PostAsync($"/api/engineers/{id}/position", Json($$"""{"lat": {{N(lat)}}, "lon": 121.47, "at": "{{at}}", "accuracy": 8}"""))).EnsureSuccessStatusCode();
        return id;
    }

    private static string N(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
