using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dispatch.Testing;

/// <summary>
/// The project's ./dispatch script, run as people run it: to completion (db backup, db restore), or in the
/// background (cluster up) with its output kept and signals sent to it as a terminal or a service manager would.
/// </summary>
public sealed partial class DispatchScript : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;

    private DispatchScript(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the script and its processes wrote, without the terminal's bold markers.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Runs ./dispatch ARGS to completion; a non-zero exit fails with the script's output.</summary>
    public static async Task<string> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        await using var script = Start(environment, arguments);
        await script._process.WaitForExitAsync();
        script._process.WaitForExit(); // the last output lines are read
        if (script._process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"./dispatch {string.Join(' ', arguments)} failed ({script._process.ExitCode}): {script.Output}");
        }
        return script.Output;
    }

    /// <summary>Starts ./dispatch ARGS in the background, built configuration of the tests, build skipped.</summary>
    public static DispatchScript Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        // A process started from a background job may have inherited SIGINT ignored, and bash cannot trap
        // a signal that was ignored when it started; env gives the script SIGINT as a terminal would.
        var start = new ProcessStartInfo("env", ["--default-signal=INT", Path.Combine(RepositoryRoot.Path, "dispatch"), .. arguments])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DISPATCH_CONFIGURATION"] = BuiltConfiguration();
        start.Environment["DISPATCH_SKIP_BUILD"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        return new DispatchScript(Process.Start(start)!);
    }

    /// <summary>Sends a signal (INT is Ctrl-C, TERM a service manager's stop, KILL a crash) to a process.</summary>
    public static async Task SignalAsync(int processId, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", processId.ToString(CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    /// <summary>The process ids the script reported for NAME ("silo 2", "web node 1"), in the order started.</summary>
    public IReadOnlyList<int> StartedProcesses(string name) =>
        StartedLine().Matches(Output)
            .Where(m => m.Groups["name"].Value == name)
            .Select(m => int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture))
            .ToList();

    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (!_process.HasExited)
        {
            // A test that failed half-way: stop the script the way Ctrl-C does, so that it stops what it started.
            await SignalAsync(_process.Id, "INT");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }

    private static string BuiltConfiguration() =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line.Replace("\u001b[1m", "", StringComparison.Ordinal).Replace("\u001b[0m", "", StringComparison.Ordinal));
        }
    }

    [GeneratedRegex(@"^dispatch: (?<name>.+) started \(pid (?<pid>\d+)\)$", RegexOptions.Multiline)]
    private static partial Regex StartedLine();
}
