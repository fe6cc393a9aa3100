using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;

namespace Dispatch.Benchmarks;

/// <summary>
/// The issue's targets, checked against the medians of the run that just finished: candidate search over 100k
/// engineers at least 50× faster than brute force, and in-process dispatch at least 20 % of the grain-call ceiling.
/// </summary>
internal static class Targets
{
    public const double IndexSpeedUpTarget = 50;
    public const double DispatchShareTarget = 0.20;

    public static double? DispatchShareOfCeiling(Summary summary)
    {
        var ping = Median(summary, typeof(DispatchThroughputBenchmarks), nameof(DispatchThroughputBenchmarks.EmptyGrainCall));
        var dispatch = Median(summary, typeof(DispatchThroughputBenchmarks), nameof(DispatchThroughputBenchmarks.DispatchToAccepted));
        return ping is { } p && dispatch is { } d && d > 0 ? p / d : null;
    }

    /// <summary>Prints the targets that this run measured and writes them next to the other results.</summary>
    public static void Report(IEnumerable<Summary> summaries)
    {
        var all = summaries.ToList();
        var lines = new List<string>();
        foreach (var k in new[] { 1, 16 })
        {
            var brute = all.Select(s => Median(s, typeof(CandidateSearchBenchmarks), nameof(CandidateSearchBenchmarks.BruteForceScan), ("Engineers", 100_000), ("K", k))).FirstOrDefault(m => m is not null);
            var index = all.Select(s => Median(s, typeof(CandidateSearchBenchmarks), nameof(CandidateSearchBenchmarks.IndexSearch), ("Engineers", 100_000), ("K", k))).FirstOrDefault(m => m is not null);
            if (brute is { } b && index is { } i)
            {
                var speedUp = b / i;
                lines.Add(Invariant($"| Candidate search, 100k engineers, k = {k} | index {Time(i)} vs brute force {Time(b)}: **{speedUp:0.#}×** | ≥ {IndexSpeedUpTarget:0}× | {(speedUp >= IndexSpeedUpTarget ? "met" : "NOT met")} |"));
            }
        }

        foreach (var summary in all)
        {
            if (DispatchShareOfCeiling(summary) is { } share)
            {
                var ping = Median(summary, typeof(DispatchThroughputBenchmarks), nameof(DispatchThroughputBenchmarks.EmptyGrainCall))!.Value;
                var dispatch = Median(summary, typeof(DispatchThroughputBenchmarks), nameof(DispatchThroughputBenchmarks.DispatchToAccepted))!.Value;
                lines.Add(Invariant($"| In-process dispatch vs grain-call ceiling | {1e9 / dispatch:N0} tickets/s vs {1e9 / ping:N0} calls/s: **{share:P2}** | ≥ {DispatchShareTarget:P0} | {(share >= DispatchShareTarget ? "met" : "NOT met")} |"));
            }
        }

        if (lines.Count == 0)
        {
            return;
        }

        var text = new StringBuilder()
            .AppendLine("| target (issue 7) | measured (medians, this run) | target | |")
            .AppendLine("| --- | --- | --- | --- |");
        foreach (var line in lines)
        {
            text.AppendLine(line);
        }

        Console.WriteLine();
        Console.WriteLine("// * Dispatch targets *");
        Console.Write(text);
        var directory = all.Select(s => s.ResultsDirectoryPath).FirstOrDefault(Directory.Exists);
        if (directory is not null)
        {
            var path = Path.Combine(directory, "Dispatch.Benchmarks.Targets.md");
            File.WriteAllText(path, text.ToString());
            Console.WriteLine($"// written to {path}");
        }
    }

    private static double? Median(Summary summary, Type type, string method, params (string Name, int Value)[] parameters) =>
        summary.Reports
            .Where(r => r.BenchmarkCase.Descriptor.Type == type
                && r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
                && parameters.All(p => Equals(r.BenchmarkCase.Parameters[p.Name], p.Value)))
            .Select(r => r.ResultStatistics?.Median)
            .FirstOrDefault(m => m is not null);

    private static string Time(double nanoseconds) => nanoseconds switch
    {
        >= 1e6 => Invariant($"{nanoseconds / 1e6:0.00} ms"),
        >= 1e3 => Invariant($"{nanoseconds / 1e3:0.00} µs"),
        _ => Invariant($"{nanoseconds:0.0} ns"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
