using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Dispatch.Testing;

/// <summary>
/// The real Dispatch.Silo program in a process of its own, as ./dispatch up runs it: for tests of what
/// only a process shows (signals, a crash, a restart).
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, SiloHosts.SiloPorts ports)
    {
        _process = process;
        Ports = ports;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public SiloHosts.SiloPorts Ports { get; }

    public int Id => _process.Id;

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

    public static SiloProcess Start(string connectionString, SiloHosts.SiloPorts ports, IDictionary<string, string>? environment = null)
    {
        // The test assembly lives in tests/X/bin/<Configuration>/<tfm>/; the silo was built alongside it.
        var outputDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var siloDll = Path.Combine(RepositoryRoot.Path, "Silo", "bin", outputDirectory.Parent!.Name, outputDirectory.Name, "Dispatch.Silo.dll");
        if (!File.Exists(siloDll))
        {
            throw new FileNotFoundException("Build the solution first: the silo program is missing", siloDll);
        }
        var start = new ProcessStartInfo("dotnet", [siloDll])
        {
            WorkingDirectory = Path.GetDirectoryName(siloDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__Dispatch"] = connectionString;
        start.Environment["Cluster__SiloPort"] = ports.SiloPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Cluster__GatewayPort"] = ports.GatewayPort.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        return new SiloProcess(Process.Start(start)!, ports);
    }

    /// <summary>Sends SIGTERM, as a service manager does, and waits for the process to end.</summary>
    public async Task<int> TerminateAsync(TimeSpan within)
    {
        using (var kill = Process.Start("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the silo dies at once, as in a crash or a lost machine.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
