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
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

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
