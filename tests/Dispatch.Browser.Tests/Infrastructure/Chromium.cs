using Microsoft.Playwright;

namespace Dispatch.Browser.Tests.Infrastructure;

/// <summary>
/// Debian's chromium, driven by Playwright without `playwright install` (no browser is ever downloaded).
/// A machine without it fails the tests with the command that installs it, never skips them.
/// </summary>
public static class Chromium
{
    /// <summary>DISPATCH_CHROMIUM, else /usr/bin/chromium.</summary>
    public static string ExecutablePath { get; } = Environment.GetEnvironmentVariable("DISPATCH_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static readonly string[] Args =
    [
        "--no-sandbox", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", .. WebGlArgs(Environment.GetEnvironmentVariable("DISPATCH_CHROMIUM_GL")),
    ];

    /// <summary>
    /// Which software WebGL draws the map (this machine has no GPU): DISPATCH_CHROMIUM_GL=llvmpipe gives Mesa's
    /// multithreaded llvmpipe through ANGLE's GL-on-EGL backend (headless, no X display; chromium blocklists the driver,
    /// hence --ignore-gpu-blocklist); anything else keeps chromium's own SwiftShader (--disable-gpu), which the tests use.
    /// </summary>
    private static string[] WebGlArgs(string? gl) => gl == "llvmpipe"
        ? ["--use-gl=angle", "--use-angle=gl-egl", "--ozone-platform=headless", "--ignore-gpu-blocklist"]
        : ["--disable-gpu"];

    public static void EnsureInstalled()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {ExecutablePath}. The browser tests drive Debian's chromium: " +
                "run `apt-get update && apt-get install -y --no-install-recommends chromium`, or set DISPATCH_CHROMIUM to a chromium binary.");
        }
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Args,
        });
}
