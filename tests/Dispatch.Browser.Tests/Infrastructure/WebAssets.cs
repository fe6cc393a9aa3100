using System.Diagnostics;
using Dispatch.Testing;

namespace Dispatch.Browser.Tests.Infrastructure;

/// <summary>
/// The browser libraries (MapLibre GL JS, SignalR) are bundled from npm into Client.Web/wwwroot/lib by
/// Client.Web/build-web-assets.sh (./dispatch build runs it). When they are missing the fixture runs it.
/// </summary>
public static class WebAssets
{
    private static readonly string[] Required =
        ["maplibre-gl/maplibre-gl.mjs", "maplibre-gl/maplibre-gl-worker.mjs", "maplibre-gl/maplibre-gl.css", "signalr/signalr.min.js", "chart.js/chart.umd.min.js", "basemap/sample-city.json"];

    public static string ClientWeb => Path.Combine(RepositoryRoot.Path, "Client.Web");

    public static void EnsureBuilt()
    {
        var lib = Path.Combine(ClientWeb, "wwwroot", "lib");
        if (Required.All(file => File.Exists(Path.Combine(lib, file))))
        {
            return;
        }
        var script = Path.Combine(ClientWeb, "build-web-assets.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"cannot start {script}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
        }
        var missing = Required.Where(file => !File.Exists(Path.Combine(lib, file))).ToList();
        if (process.ExitCode != 0 || missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"{script} failed (exit {process.ExitCode}); missing: {string.Join(", ", missing)}\n{output.Result}\n{errors.Result}");
        }
    }
}
