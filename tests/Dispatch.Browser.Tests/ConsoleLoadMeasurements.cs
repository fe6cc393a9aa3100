using System.Diagnostics;
using Dispatch.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dispatch.Browser.Tests;

/// <summary>
/// What the console costs, measured (not asserted against targets: the machine is shared): how long a cold-cache
/// page takes from navigation to its first live marker, and the frame rate with 10,000 engineers and 5,000 tickets
/// on the map while it pans. The figures go to the test output.
/// </summary>
public sealed class ConsoleLoadMeasurements(BrowserAppFixture app, ITestOutputHelper output) : IClassFixture<BrowserAppFixture>
{
    // About 1.5 minutes and a busy CPU: run on purpose (DISPATCH_MEASURE=1), not in every test run.
    [MeasurementFact]
    public async Task The_console_reports_its_first_live_marker_time_and_its_frame_rate_with_ten_thousand_engineers()
    {
        // A signed-in session is kept in sessionStorage: sign in once, then measure a cold navigation in a fresh context.
        await using var console = await app.OpenAsync("/console.html", output, "console-measure");
        var page = console.Page;
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForFunctionAsync("() => window.dispatchConsole?.board.snapshotAt != null");
        await page.WaitForFunctionAsync("() => window.dispatchConsole.map.ready");

        // 10,000 engineers and 5,000 tickets around the sample city, as a snapshot would bring them.
        await page.EvaluateAsync("""
            () => {
              const engineers = [], tickets = [];
              const statuses = ["Available", "Offered", "EnRoute", "OnSite", "OnBreak"];
              const sla = ["running", "warning", "breached", "paused"];
              const now = new Date().toISOString();
              for (let i = 0; i < 10000; i++) engineers.push({ id: `m-e${i}`, name: `E ${i}`, status: statuses[i % 5],
                lat: 31.17 + Math.random() * 0.12, lon: 121.37 + Math.random() * 0.2, positionAt: now, region: "riverside", jobs: i % 2 });
              for (let i = 0; i < 5000; i++) tickets.push({ id: `m-t${i}`, status: i % 3 ? "Dispatching" : "EnRoute", priority: `P${1 + i % 4}`,
                lat: 31.17 + Math.random() * 0.12, lon: 121.37 + Math.random() * 0.2, slaState: sla[i % 4], nextDueAt: now,
                escalationLevel: 0, engineerId: i % 3 ? null : `m-e${i}`, region: "riverside", title: "t", customerId: "c",
                serviceType: "repair", createdAt: now, open: true, risk: 0.5, changedAt: now });
              window.dispatchConsole.board.applySnapshot({ tickets, engineers, alerts: [], heat: [], kpis: null });
            }
            """);
        await page.WaitForFunctionAsync("() => window.dispatchConsole.sourceData('engineers').features.length >= 10000");
        var ratio = await page.EvaluateAsync<double>("() => window.dispatchConsole.map.map.getPixelRatio()");
        // DISPATCH_MEASURE_PAN_TRACE=file.json: chromium's traces of this pan (file.first.json) and of the pan once the
        // markers are drawn (file.json): what the page's main thread, its workers and the GPU process did.
        var panTrace = Environment.GetEnvironmentVariable("DISPATCH_MEASURE_PAN_TRACE") is { Length: > 0 } file ? file : null;
        var fps = await PanAsync(page, console.Context, panTrace is null ? null : Path.ChangeExtension(panTrace, ".first.json"));
        var renderer = await page.EvaluateAsync<string>("""
            () => {
              const gl = document.createElement("canvas").getContext("webgl2");
              const info = gl?.getExtension("WEBGL_debug_renderer_info");
              return info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : "unknown";
            }
            """);
        Report($"10,000 engineers + 5,000 tickets, panning: {fps} (map pixel ratio {ratio}; WebGL: {renderer})");
        // The pan above starts as soon as the board has the markers, while the map's worker still clusters and tiles
        // them; once the map has drawn them (idle), the same pan again.
        await page.EvaluateAsync("() => new Promise(done => { const map = window.dispatchConsole.map.map; map.once('idle', () => done(true)); map.triggerRepaint(); })");
        Report($"10,000 engineers + 5,000 tickets, panning once they are drawn: {await PanAsync(page, console.Context, panTrace)} (map pixel ratio {ratio})");
        if (ratio < 1)
        {
            // The console halves the map's resolution on software WebGL; the frame rate at full resolution, for comparison.
            await page.EvaluateAsync("() => { window.dispatchConsole.map.map.setPixelRatio(1); }");
            Report($"10,000 engineers + 5,000 tickets, panning at full resolution: {await PanAsync(page)}");
        }

        // One real engineer on the live board, whose marker the cold page waits for.
        var engineerId = "eng-measure-" + Guid.NewGuid().ToString("N")[..8];
        using (var dispatcher = await app.App.ClientAsAsync("dispatcher"))
        {
            (await dispatcher.PutAsync($"/api/engineers/{engineerId}", Json("""
                {"name": "Measure", "skills": {}, "homeBase": {"lat": 31.2, "lon": 121.47}, "capacity": 1}
                """))).EnsureSuccessStatusCode();
        }
        using (var engineer = await app.App.ClientAsAsync("engineer", engineerId))
        {
            (await engineer.PostAsync($"/api/engineers/{engineerId}/status", Json("""{"status":"Available"}"""))).EnsureSuccessStatusCode();
            (await engineer.PostAsync($"/api/engineers/{engineerId}/position", Json($$"""{"lat": 31.2, "lon": 121.47, "at": "{{DateTimeOffset.UtcNow:O}}", "accuracy": 8}"""))).EnsureSuccessStatusCode();
        }

        // Cold cache: a new context (no HTTP cache) with the same session, from navigation to the first marker.
        var state = await console.Context.StorageStateAsync();
        var cold = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, BaseURL = app.BaseAddress.ToString(), StorageState = state,
        });
        var coldPage = await cold.NewPageAsync();
        var bytes = 0L;
        coldPage.Response += (_, response) =>
        {
            if (response.Headers.TryGetValue("content-length", out var length) && long.TryParse(length, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                bytes += n;
            }
        };
        await coldPage.AddInitScriptAsync("sessionStorage.setItem('dispatch.console.session', " + System.Text.Json.JsonSerializer.Serialize(
            await page.EvaluateAsync<string>("() => sessionStorage.getItem('dispatch.console.session')")) + ")");
        // The first page (15,000 markers, a 5,000-row list redrawn every second) shares the cold page's renderer process
        // and main thread: left open, its work is counted in the cold load (a trace showed its layouts of 0.1-0.4 s
        // between the cold page's tasks).
        await page.GotoAsync("about:blank");
        // DISPATCH_MEASURE_TRACE=file: chromium's trace of the cold load (open it in chrome://tracing or Perfetto).
        var trace = Environment.GetEnvironmentVariable("DISPATCH_MEASURE_TRACE");
        var tracing = trace is { Length: > 0 } ? await StartTraceAsync(cold, coldPage) : null;
        // On screen: the preview's canvas (marker-preview.js) or MapLibre, whichever drew a marker first. The page tells
        // the test through a binding rather than being polled: Playwright's first evaluation in a page injects its own
        // script, a quarter of a second of the page's main thread, which a polled load paid before its first marker.
        var clock = new Stopwatch();
        var firstMarkerSeen = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        await coldPage.ExposeFunctionAsync("dispatchMeasureFirstMarker", () => { firstMarkerSeen.TrySetResult(clock.Elapsed); });
        await coldPage.AddInitScriptAsync("""
            new PerformanceObserver((marks, observer) => {
              if (!marks.getEntries().some(mark => mark.name === "console:first-marker-drawn")) return;
              observer.disconnect();
              window.dispatchMeasureFirstMarker();
            }).observe({ type: "mark" });
            """);
        clock.Start();
        await coldPage.GotoAsync("/console.html", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        var shown = await firstMarkerSeen.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await coldPage.WaitForFunctionAsync("() => window.dispatchConsole?.map.ready && window.dispatchConsole.sourceData('engineers').features.length + window.dispatchConsole.sourceData('tickets').features.length > 0",
            null, new PageWaitForFunctionOptions { PollingInterval = 20, Timeout = 60_000 });
        var firstMarker = clock.Elapsed;
        // Drawn: MapLibre has the marker (or its cluster) among the features it rendered.
        await coldPage.WaitForFunctionAsync("() => window.dispatchConsole.map.map.queryRenderedFeatures({ layers: ['engineers', 'tickets', 'engineers-clusters', 'tickets-clusters'] }).length > 0",
            null, new PageWaitForFunctionOptions { PollingInterval = 20, Timeout = 60_000 });
        var drawn = clock.Elapsed;
        await coldPage.WaitForFunctionAsync("() => performance.getEntriesByName('console:map-marker-drawn').length > 0",
            null, new PageWaitForFunctionOptions { PollingInterval = 20, Timeout = 10_000 });
        if (tracing is not null)
        {
            await File.WriteAllTextAsync(trace!, await tracing());
        }
        Report($"cold cache: first live marker {firstMarker.TotalMilliseconds:F0} ms after navigation (on the map's data), drawn at {drawn.TotalMilliseconds:F0} ms; {bytes / 1024} KB with a content-length");
        // The page's own marks (ms since navigation start, no polling in them): the preview's first marker and MapLibre's.
        var marks = await coldPage.EvaluateAsync<double[]>("""
            () => ["console:preview-marker-drawn", "console:map-marker-drawn", "console:first-marker-drawn"]
              .map(name => performance.getEntriesByName(name, "mark")[0]?.startTime ?? -1)
            """);
        Report($"cold cache: first marker on screen at {shown.TotalMilliseconds:F0} ms (test's clock); marks: preview's first marker drawn {marks[0]:F0} ms, MapLibre's {marks[1]:F0} ms, first of either {marks[2]:F0} ms");
        // Where the time went: the console's marks and its largest requests, in ms since navigation.
        output.WriteLine(await coldPage.EvaluateAsync<string>("""
            () => [
              ...performance.getEntriesByType("mark").map(m => `${m.name} ${m.startTime.toFixed(0)}`),
              ...performance.getEntriesByType("resource").filter(r => r.duration > 20 || r.encodedBodySize > 20000)
                .map(r => `${new URL(r.name).pathname} ${r.startTime.toFixed(0)}-${r.responseEnd.toFixed(0)} (${(r.encodedBodySize / 1024).toFixed(0)} KB)`),
            ].join("\n")
            """));
        await cold.CloseAsync();
    }

    private static readonly string[] TraceCategories =
        ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "blink.user_timing", "gpu", "toplevel", "loading", "netlog", "v8", "disabled-by-default-devtools.timeline.stack", "disabled-by-default-devtools.timeline.invalidationTracking"];

    /// <summary>Starts chromium's trace of the page (DevTools protocol); the function stops it and gives the trace's JSON.</summary>
    private static async Task<Func<Task<string>>> StartTraceAsync(IBrowserContext context, IPage page)
    {
        var session = await context.NewCDPSessionAsync(page);
        var events = new List<System.Text.Json.JsonElement>();
        var complete = new TaskCompletionSource();
        session.Event("Tracing.dataCollected").OnEvent += (_, data) =>
        {
            if (data?.TryGetProperty("value", out var value) == true)
            {
                lock (events) events.AddRange(value.EnumerateArray().Select(e => e.Clone()));
            }
        };
        session.Event("Tracing.tracingComplete").OnEvent += (_, _) => complete.TrySetResult();
        await session.SendAsync("Tracing.start", new Dictionary<string, object>
        {
            ["transferMode"] = "ReportEvents",
            ["traceConfig"] = new Dictionary<string, object>
            {
                ["includedCategories"] = TraceCategories,
            },
        });
        return async () =>
        {
            await session.SendAsync("Tracing.end");
            await complete.Task.WaitAsync(TimeSpan.FromSeconds(30));
            lock (events) return System.Text.Json.JsonSerializer.Serialize(new { traceEvents = events });
        };
    }

    /// <summary>The pan below, traced by chromium into <paramref name="traceFile"/> when one is given.</summary>
    private static async Task<string> PanAsync(IPage page, IBrowserContext context, string? traceFile)
    {
        if (traceFile is null)
        {
            return await PanAsync(page);
        }
        var tracing = await StartTraceAsync(context, page);
        var frames = await PanAsync(page);
        await File.WriteAllTextAsync(traceFile, await tracing());
        return frames;
    }

    /// <summary>
    /// Pans the map back and forth for four seconds: the frames the page drew per second, over the four and in each
    /// second (so that a slow start, while the map's worker still takes the markers in, shows as such).
    /// </summary>
    private static async Task<string> PanAsync(IPage page)
    {
        var frames = await page.EvaluateAsync<double[]>("""
            async () => {
              const map = window.dispatchConsole.map.map;
              const times = [];
              const count = now => { times.push(now - start); if (now - start < 4000) requestAnimationFrame(count); };
              const start = performance.now();
              const busy = [0, 0, 0, 0];
              const tasks = new PerformanceObserver(list => {
                for (const task of list.getEntries()) {
                  const second = Math.floor((task.startTime - start) / 1000);
                  if (second >= 0 && second < 4) busy[second] += task.duration;
                }
              });
              tasks.observe({ type: "longtask" });
              requestAnimationFrame(count);
              for (let i = 0; i < 8; i++) {
                map.panBy([i % 2 ? -200 : 200, 60], { duration: 450 });
                await new Promise(r => setTimeout(r, 500));
              }
              const elapsed = performance.now() - start;
              tasks.disconnect();
              return [elapsed, ...busy, ...times];
            }
            """);
        var (elapsed, busy, times) = (frames[0] / 1000, frames[1..5], frames[5..]);
        var bySecond = Enumerable.Range(0, 4).Select(second => times.Count(t => t >= second * 1000 && t < (second + 1) * 1000));
        return FormattableString.Invariant(
            $"{times.Length / elapsed:F1} frames/s (by second: {string.Join(", ", bySecond)}; main thread in tasks over 50 ms: {string.Join(", ", busy.Select(b => $"{b:F0}"))} ms)");
    }

    /// <summary>To the test output, and appended to TestResults/console-measurements.txt with the time and load average.</summary>
    private void Report(string figure)
    {
        output.WriteLine(figure);
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
        var file = Path.Combine(Directory.GetCurrentDirectory(), "TestResults", "console-measurements.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.AppendAllText(file, $"{DateTimeOffset.Now:u}\t{figure}\tload average {load}\n");
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
