using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Dispatch.Benchmarks;

/// <summary>
/// The configuration of every suite: BenchmarkDotNet's columns, loggers and checks, the median next to the
/// mean, and results as GitHub markdown and full JSON in BenchmarkDotNet.Artifacts/results.
/// </summary>
internal static class BenchConfig
{
    /// <summary>
    /// A job given on the command line (<c>--job short</c>, <c>--job dry</c>...) replaces the suites' own jobs
    /// instead of running next to them (BenchmarkDotNet's default), so that it really is a quick mode.
    /// </summary>
    public static bool CommandLineJob { get; set; }

    public static IConfig Create()
    {
        var config = ManualConfig.CreateEmpty()
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(StatisticColumn.Median)
            .AddLogger(DefaultConfig.Instance.GetLoggers().ToArray())
            .AddAnalyser(DefaultConfig.Instance.GetAnalysers().ToArray())
            .AddValidator(DefaultConfig.Instance.GetValidators().ToArray())
            .AddDiagnoser(DefaultConfig.Instance.GetDiagnosers().ToArray())
            .AddExporter(MarkdownExporter.GitHub, JsonExporter.Full)
            .WithOption(ConfigOptions.JoinSummary, false)
            // Ratios as speed-ups ("93.51x faster" than the baseline), not fractions.
            .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend))
            // The generated project builds the whole silo (Orleans code generation): slow on two cores.
            .WithBuildTimeout(TimeSpan.FromMinutes(10));
        return config;
    }
}

/// <summary>
/// The micro-benchmark suites: fewer iterations than BenchmarkDotNet's default so the whole run stays well under
/// 20 minutes on two cores (unless the command line names a job).
/// </summary>
internal sealed class StandardConfig : ManualConfig
{
    public StandardConfig()
    {
        if (!BenchConfig.CommandLineJob)
        {
            AddJob(Job.Default.WithWarmupCount(4).WithIterationCount(15).WithId("Standard"));
        }
    }
}

/// <summary>
/// The in-process cluster suite: a silo and 1,000 engineers per benchmark process, run in by the setup, a few
/// warmups and eight measured iterations of at least a second, and per-second figures (calls/s, tickets/s) with the dispatch/ceiling ratio.
/// </summary>
internal sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig()
    {
        if (!BenchConfig.CommandLineJob)
        {
            // The benchmarks' setup runs each cluster in (see DispatchThroughputBenchmarks.WarmupBatches).
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Throughput)
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationTime(TimeInterval.FromSeconds(1))
                .WithIterationCount(8)
                .WithGcServer(true) // as Dispatch.Silo runs
                .WithId("Throughput"));
        }

        AddColumn(StatisticColumn.OperationsPerSecond, new OfCeilingColumn());
        HideColumns(Column.Error, Column.StdDev);
    }
}

/// <summary>Dispatch tickets per second as a share of empty grain calls per second, both medians from the same run.</summary>
internal sealed class OfCeilingColumn : IColumn
{
    public string Id => nameof(OfCeilingColumn);

    public string ColumnName => "Of ceiling";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Operations per second as a share of the empty-grain-call ceiling (medians of the same run)";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(DispatchThroughputBenchmarks.EmptyGrainCall))
        {
            return "100 % (ceiling)";
        }

        var ratio = Targets.DispatchShareOfCeiling(summary);
        return ratio is { } r ? $"{r:P2}" : "?";
    }
}
