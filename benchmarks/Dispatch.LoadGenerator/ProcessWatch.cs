using System.Globalization;

namespace Dispatch.LoadGenerator;

/// <summary>A server process the run watches (memory and CPU): a name and the file holding its pid (first line).</summary>
internal sealed record WatchedProcess(string Name, string PidFile)
{
    /// <summary>"NAME|PIDFILE".</summary>
    public static WatchedProcess Parse(string text)
    {
        var parts = text.Split('|', 2);
        if (parts.Length != 2 || parts[0].Trim().Length == 0 || parts[1].Trim().Length == 0)
        {
            throw new OptionException($"--watch: '{text}' is not \"NAME|PIDFILE\"");
        }
        return new WatchedProcess(parts[0].Trim(), parts[1].Trim());
    }
}

/// <summary>
/// Samples, every five seconds and once more when the run stops, the proportional set size (PSS: shared pages divided
/// among the processes sharing them, so PostgreSQL's shared buffers count once) of each watched process together with
/// its children, and keeps the peak. The pid file is read at every sample: a process restarted by its supervisor is
/// followed. Reads, when asked, the CPU time each watched process and its children have used so far.
/// </summary>
internal sealed class ProcessWatch(IReadOnlyList<WatchedProcess> watched)
{
    // The kernel walks every page table entry of a process to sum its PSS: sampled each second, this took 3-4 % of a
    // two-core machine's CPU during a load run (perf: smaps_account under the generator's reads), beside the servers it
    // measures. The processes' memory grows over minutes, so a sample every five seconds finds the same peak.
    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(5);

    // USER_HZ: the unit of /proc/PID/stat's times; 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public bool Any => watched.Count > 0;

    /// <summary>
    /// CPU seconds so far per watched process, its descendants included: each live process's own time plus the
    /// time of the children it has reaped (a PostgreSQL backend that ended is counted in the postmaster's).
    /// </summary>
    public Dictionary<string, double> CpuSeconds()
    {
        var children = ChildrenByParent();
        var used = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var w in watched)
        {
            if (ReadPid(w.PidFile) is { } pid)
            {
                used[w.Name] = Tree(pid, children).Sum(CpuTicks) / TicksPerSecond;
            }
        }
        return used;
    }

    private readonly Dictionary<string, long> _peakKb = watched.ToDictionary(w => w.Name, _ => 0L, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, double> PeakMb() =>
        _peakKb.ToDictionary(p => p.Key, p => Math.Round(p.Value / 1024.0, 1), StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken stop)
    {
        if (watched.Count == 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(SampleInterval);
        do
        {
            Sample();
        }
        while (await Tick(timer, stop));
        Sample();
    }

    private void Sample()
    {
        var children = ChildrenByParent();
        foreach (var w in watched)
        {
            if (ReadPid(w.PidFile) is { } pid)
            {
                var kb = Tree(pid, children).Sum(PssKb);
                _peakKb[w.Name] = Math.Max(_peakKb[w.Name], kb);
            }
        }
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static int? ReadPid(string file)
    {
        try
        {
            using var reader = new StreamReader(file);
            return int.TryParse(reader.ReadLine(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IEnumerable<int> Tree(int root, ILookup<int, int> children)
    {
        var stack = new Stack<int>([root]);
        while (stack.TryPop(out var pid))
        {
            yield return pid;
            foreach (var child in children[pid])
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>Every process's parent, from /proc/PID/stat (the field after the parenthesised command name).</summary>
    private static ILookup<int, int> ChildrenByParent()
    {
        var pairs = new List<(int Parent, int Child)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                pairs.Add((int.Parse(fields[1], CultureInfo.InvariantCulture), pid));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
            {
                // The process ended between the listing and the read.
            }
        }
        return pairs.ToLookup(p => p.Parent, p => p.Child);
    }

    /// <summary>utime + stime + cutime + cstime (fields 14-17 of /proc/PID/stat), in clock ticks.</summary>
    private static long CpuTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is the state (field 3), so field N is fields[N - 3].
            return Enumerable.Range(14, 4).Sum(n => long.Parse(fields[n - 3], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
        {
            return 0;
        }
    }

    private static long PssKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
            {
                if (line.StartsWith("Pss:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(4).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            // Ended, or not ours to read.
        }
        return 0;
    }
}
