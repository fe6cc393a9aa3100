using System.Net;
using Dispatch.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Dispatch.Web.Tests.Infrastructure;

namespace Dispatch.Browser.Tests.Infrastructure;

/// <summary>
/// A private PostgreSQL, one silo on it (real time; the SLA book is read fresh on every use), the web app
/// on a real Kestrel port, and a headless chromium driven by Playwright.
/// </summary>
public sealed class BrowserAppFixture : IAsyncLifetime
{
    /// <summary>A customer tier the tests give a short SLA policy to.</summary>
    public const string TestTier = "browser-fast";

    private IHost? _silo;

    public PrivatePostgres Database { get; private set; } = null!;

    public DispatchWebApp App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: TestResults/screenshots under the working directory, or DISPATCH_SCREENSHOTS.</summary>
    public static string ScreenshotFolder { get; } =
        Environment.GetEnvironmentVariable("DISPATCH_SCREENSHOTS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Directory.GetCurrentDirectory(), "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        Chromium.EnsureInstalled();
        WebAssets.EnsureBuilt();
        Directory.CreateDirectory(ScreenshotFolder);

        Database = await PrivatePostgres.StartAsync();
        _silo = await SiloHosts.StartAsync(Database.ConnectionString, SiloHosts.SiloPorts.Free(),
            configuration: new Dictionary<string, string?>
            {
                ["Sla:CacheFreshness"] = "00:00:00",
                // A phone that works offline for a while before accepting must still find its offer (on a loaded machine too).
                ["Dispatch:OfferTimeout"] = "00:03:00",
            });
        App = new DispatchWebApp(Database.ConnectionString, settings: new Dictionary<string, string?> { ["Customers:Tiers:0"] = TestTier });
        App.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        BaseAddress = new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(Playwright);
    }

    /// <summary>A fresh browser context and page (its own sessionStorage), logging the page's errors to the test output.</summary>
    public async Task<BrowserPage> OpenAsync(string path, ITestOutputHelper output, string name, int width = 1440, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = BaseAddress.ToString(),
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var session = new BrowserPage(context, page, output, name);
        await page.GotoAsync(path);
        return session;
    }

    /// <summary>
    /// Which transports the hub at hubPath offers from now on, as a server configured with
    /// HttpConnectionDispatcherOptions.Transports would: MapHub keeps its options in its endpoints' metadata, one
    /// instance read by negotiate and by every connect, so a test changes them without another host.
    /// </summary>
    public void OfferTransports(string hubPath, HttpTransportType transports)
    {
        var options = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith(hubPath, StringComparison.Ordinal) == true)
            .Select(endpoint => endpoint.Metadata.GetMetadata<HttpConnectionDispatcherOptions>())
            .OfType<HttpConnectionDispatcherOptions>()
            .Distinct()
            .ToList();
        if (options.Count == 0)
        {
            throw new InvalidOperationException($"no hub endpoint with connection options under {hubPath}");
        }
        foreach (var option in options)
        {
            option.Transports = transports;
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        Playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
        }
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }
}

/// <summary>A page with its context; collects the page's console errors and takes named screenshots.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    public BrowserPage(IBrowserContext context, IPage page, ITestOutputHelper output, string name)
    {
        Context = context;
        Page = page;
        Name = name;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                lock (_errors)
                {
                    _errors.Add($"[{name} {message.Type}] {message.Text}");
                }
                output.WriteLine($"[{name} console.{message.Type}] {message.Text}");
            }
        };
        // Every refused request with what was sent and the ProblemDetails that came back, so an unexpected 400 names its field.
        page.Response += (_, response) =>
        {
            if (response.Status < 400)
            {
                return;
            }
            var request = response.Request;
            var sent = request.PostData is { Length: > 0 } body ? $" sent {body}" : "";
            _ = response.TextAsync().ContinueWith(read =>
            {
                var answer = read.IsCompletedSuccessfully ? read.Result : "(body unavailable)";
                WriteLine(output, $"[{name} http] {request.Method} {request.Url}{sent} -> {response.Status} {answer}");
            }, TaskScheduler.Default);
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add($"[{name} pageerror] {error}");
            }
            output.WriteLine($"[{name} pageerror] {error}");
        };
    }

    public IBrowserContext Context { get; }

    /// <summary>Writes to the test's output; an answer that arrives after the test has ended is dropped (xunit refuses it).</summary>
    private static void WriteLine(ITestOutputHelper output, string line)
    {
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public IPage Page { get; }

    public string Name { get; }

    /// <summary>Uncaught errors thrown by the page's scripts.</summary>
    public IReadOnlyList<string> PageErrors
    {
        get
        {
            lock (_errors)
            {
                return _errors.Where(e => e.Contains("pageerror", StringComparison.Ordinal)).ToList();
            }
        }
    }

    public async Task<string> ScreenshotAsync(string file)
    {
        var path = Path.Combine(BrowserAppFixture.ScreenshotFolder, file);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        return path;
    }

    /// <summary>Closes the page; its last state is kept as last-{name}.png, so a failed test leaves a picture of why.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await ScreenshotAsync($"last-{Name}.png");
        }
        catch (PlaywrightException)
        {
            // The page is gone already; nothing to keep.
        }
        await Context.CloseAsync();
    }
}
