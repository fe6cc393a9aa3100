using BenchmarkDotNet.Running;
using Dispatch.Benchmarks;

// Every suite, or those picked by --filter; any other BenchmarkDotNet option passes through (--job short for
// a quick look, --list flat to list the benchmarks). Results: BenchmarkDotNet.Artifacts/results (markdown, JSON).
// --profile-dispatch [--customers N] [--warmups W] [--batches B] runs the dispatch scenario outside BenchmarkDotNet and
// shows where its time goes (grain calls per ticket, CPU, GC).
if (args.Contains("--profile-dispatch"))
{
    await DispatchProfile.RunAsync(args);
    return;
}

// --webhooks --connection CS [--rate R] [--seconds S] [--subscriptions N]: the webhook pipeline against a local receiver.
if (args.Contains("--webhooks"))
{
    await WebhookThroughput.RunAsync(args);
    return;
}

BenchConfig.CommandLineJob = args.Any(a => a is "-j" or "--job" || a.StartsWith("--job=", StringComparison.Ordinal));
var summaries = BenchmarkSwitcher.FromAssembly(typeof(CandidateSearchBenchmarks).Assembly).Run(args, BenchConfig.Create());
Targets.Report(summaries);
