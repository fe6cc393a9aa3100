using System.Diagnostics;

namespace Dispatch.LoadGenerator;

/// <summary>A fault the drill causes: at <see cref="AtSeconds"/> into the arrivals, run <see cref="Command"/>.</summary>
internal sealed record Fault(double AtSeconds, string Name, string Command)
{
    /// <summary>"S|NAME|COMMAND", e.g. "20|silo 2 killed|kill -9 $(cat .data/drill/pids/silo-2.pid)".</summary>
    public static Fault Parse(string text)
    {
        var parts = text.Split('|', 3);
        if (parts.Length != 3 || !double.TryParse(parts[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var at)
            || at < 0 || parts[1].Trim().Length == 0 || parts[2].Trim().Length == 0)
        {
            throw new OptionException($"--fault: '{text}' is not \"SECONDS|NAME|COMMAND\"");
        }
        return new Fault(at, parts[1].Trim(), parts[2]);
    }
}

/// <summary>
/// What happened to one fault: when it was caused, when its command returned, and when every health endpoint
/// answered 200 again (the recovery instant that "offered within 10 s of recovery" counts from). Times are
/// seconds since the arrivals began.
/// </summary>
internal sealed record FaultOutcome(string Name, double CausedAt, double CommandDoneAt, int CommandExitCode, double? RecoveredAt)
{
    public double? RecoverySeconds => RecoveredAt - CausedAt;
}

/// <summary>Causes the drill's faults on schedule and waits for each recovery, one after the other.</summary>
internal sealed class FaultRunner(IReadOnlyList<Fault> faults, IReadOnlyList<Uri> health, Stopwatch clock, Action<string> say)
{
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(120);

    public List<FaultOutcome> Outcomes { get; } = [];

    public async Task RunAsync(CancellationToken stop)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        foreach (var fault in faults)
        {
            var wait = fault.AtSeconds - clock.Elapsed.TotalSeconds;
            if (wait > 0)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(wait), stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            var causedAt = clock.Elapsed.TotalSeconds;
            say($"fault: {fault.Name}");
            var exitCode = await RunCommandAsync(fault.Command);
            var doneAt = clock.Elapsed.TotalSeconds;
            var recoveredAt = await WaitForHealthAsync(http, stop);
            Outcomes.Add(new FaultOutcome(fault.Name, causedAt, doneAt, exitCode, recoveredAt));
            say(recoveredAt is { } r
                ? FormattableString.Invariant($"fault: {fault.Name}: command exit {exitCode}; healthy again {r - causedAt:0.0} s after it")
                : $"fault: {fault.Name}: command exit {exitCode}; NOT healthy again within {RecoveryLimit.TotalSeconds} s");
        }
    }

    private static async Task<int> RunCommandAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { UseShellExecute = false })
            ?? throw new InvalidOperationException($"could not start: {command}");
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    /// <summary>The first instant at which every health endpoint answered 200, polled every 100 ms.</summary>
    private async Task<double?> WaitForHealthAsync(HttpClient http, CancellationToken stop)
    {
        var deadline = clock.Elapsed + RecoveryLimit;
        while (clock.Elapsed < deadline && !stop.IsCancellationRequested)
        {
            var healthy = true;
            foreach (var url in health)
            {
                try
                {
                    using var response = await http.GetAsync(url, stop);
                    healthy &= response.IsSuccessStatusCode;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    healthy = false;
                }
                if (!healthy)
                {
                    break;
                }
            }
            if (healthy)
            {
                return clock.Elapsed.TotalSeconds;
            }
            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return null;
    }
}
