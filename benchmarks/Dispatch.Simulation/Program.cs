using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dispatch.Domain.Dispatching;
using Dispatch.Domain.Geo;
using Dispatch.Domain.Sla;
using Dispatch.Simulation;

SimOptions options;
try
{
    options = SimOptions.Parse(args);
}
catch (SimOptionException ex)
{
    await Console.Error.WriteLineAsync($"simulate: {ex.Message}");
    await Console.Error.WriteLineAsync();
    await Console.Error.WriteLineAsync(SimOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(SimOptions.Usage);
    return 0;
}

if (!File.Exists(options.RegionsFile))
{
    await Console.Error.WriteLineAsync($"simulate: the region file '{options.RegionsFile}' does not exist");
    return 2;
}

var map = RegionMap.FromGeoJson(await File.ReadAllTextAsync(options.RegionsFile));
var weights = ScoringWeights.Default;
var strategies = new List<Strategy> { Strategy.Greedy };
strategies.AddRange(options.Windows.Select(Strategy.BatchEvery));

Console.WriteLine(Invariant($"# Greedy against batch dispatch: one simulated day ({options.DayStart:hh\\:mm}–{options.DayStart + TimeSpan.FromHours(options.DayHours):hh\\:mm}) in the sample city"));
Console.WriteLine();
Console.WriteLine(Invariant($"{options.Engineers} engineers (capacity 1, 1–3 of {Scenario.SkillNames.Length} skills), ~{options.Tickets} tickets (Poisson, peaks at 09:30 and 17:00), k = {options.K} candidates, batch windows: {string.Join(", ", options.Windows.Select(Strategy.FormatWindow))}."));
Console.WriteLine("SLA arrival targets: P1 1 h, P2 2 h, P3 4 h, P4 8 h. Straight-line travel at each region's speed; 20–60 min on site.");
Console.WriteLine();

var total = Stopwatch.StartNew();
var runs = new List<SeedRun>();
foreach (var seed in options.Seeds)
{
    var sw = Stopwatch.StartNew();
    var scenario = Scenario.Generate(map, seed, options.Engineers, options.Tickets, options.DayHours);
    var scenarioMs = sw.Elapsed.TotalMilliseconds;
    var results = new List<StrategyMetrics>();
    foreach (var strategy in strategies)
    {
        sw.Restart();
        var outcomes = new Simulator(scenario, strategy, options.K, weights).Run();
        results.Add(StrategyMetrics.Measure(scenario, strategy, outcomes, sw.Elapsed.TotalMilliseconds));
    }

    var byPriority = Enum.GetValues<Priority>().ToDictionary(p => p.ToString(), p => scenario.Tickets.Count(t => t.Priority == p));
    var run = new SeedRun(seed, scenario.Engineers.Count, scenario.Tickets.Count, byPriority, scenarioMs, results);
    runs.Add(run);
    Console.WriteLine(Tables.SeedTable(run));
}

if (runs.Count > 1)
{
    Console.WriteLine(Tables.Summary(runs));
}

Console.WriteLine(Invariant($"Simulated {runs.Count} day(s) × {strategies.Count} strategies in {total.Elapsed.TotalSeconds:0.0} s."));

if (options.Out is { } outFile)
{
    var report = new SimulationReport(
        "Dispatch.Simulation",
        DateTimeOffset.UtcNow,
        new SimulationSettings(
            options.RegionsFile,
            options.Engineers,
            options.Tickets,
            options.DayHours,
            options.DayStart.ToString(@"hh\:mm", CultureInfo.InvariantCulture),
            options.K,
            Simulator.SearchRadiusMeters,
            Simulator.MaxBatch,
            options.Windows,
            Enum.GetValues<Priority>().ToDictionary(p => p.ToString(), p => Scenario.ArrivalTarget(p).TotalHours),
            Enum.GetValues<Priority>().ToDictionary(p => p.ToString(), p => Scenario.PriorityWeights[(int)p]),
            Scenario.MinServiceMinutes,
            Scenario.MaxServiceMinutes,
            new Dictionary<string, double>
            {
                ["eta"] = weights.Eta,
                ["proficiency"] = weights.Proficiency,
                ["load"] = weights.Load,
                ["urgency"] = weights.Urgency,
            }),
        runs);
    var directory = Path.GetDirectoryName(Path.GetFullPath(outFile));
    if (!string.IsNullOrEmpty(directory))
    {
        Directory.CreateDirectory(directory);
    }

    await File.WriteAllTextAsync(outFile, JsonSerializer.Serialize(report, Json.Options));
    Console.WriteLine($"Wrote {outFile}");
}

return 0;

static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

namespace Dispatch.Simulation
{
    internal static class Json
    {
        public static readonly JsonSerializerOptions Options = new()
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
    }

    internal sealed class SimOptionException(string message) : Exception(message);

    /// <summary>The command line: "--name value" pairs, checked and given defaults.</summary>
    internal sealed class SimOptions
    {
        public const string Usage = """
            Usage: Dispatch.Simulation [options]
              --seed N[,N...]        random seeds, one simulated day each (default 1,2,3)
              --engineers N          engineers in the fleet (default 60)
              --tickets N            expected tickets over the day (default 600)
              --window W[,W...]      batch windows: 250ms, 60s, 5m or plain seconds (default 250ms,60s,300s)
              --k N                  nearest candidates scored per ticket (default 8, as the grain)
              --hours H              length of the working day in hours (default 12, from 08:00)
              --regions FILE         region GeoJSON (default: the silo's sample city, copied beside the binary)
              --out FILE             also write the results as JSON
              --help                 this text
            """;

        public IReadOnlyList<int> Seeds { get; private set; } = [1, 2, 3];

        public int Engineers { get; private set; } = 60;

        public double Tickets { get; private set; } = 600;

        public IReadOnlyList<double> Windows { get; private set; } = [0.25, 60, 300];

        public int K { get; private set; } = 8;

        public double DayHours { get; private set; } = 12;

        public TimeSpan DayStart { get; } = TimeSpan.FromHours(8);

        public string RegionsFile { get; private set; } = Path.Combine(AppContext.BaseDirectory, "regions", "sample-city.geojson");

        public string? Out { get; private set; }

        public bool Help { get; private set; }

        public static SimOptions Parse(string[] args)
        {
            var o = new SimOptions();
            for (var i = 0; i < args.Length; i++)
            {
                var name = args[i];
                if (name is "--help" or "-h")
                {
                    o.Help = true;
                    continue;
                }

                if (i + 1 >= args.Length)
                {
                    throw new SimOptionException($"{name} needs a value");
                }

                var value = args[++i];
                switch (name)
                {
                    case "--seed":
                    case "--seeds":
                        o.Seeds = [.. List<int>(value, name, v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : null)];
                        break;
                    case "--engineers":
                        o.Engineers = (int)Number(value, name, 1, 100_000);
                        break;
                    case "--tickets":
                        o.Tickets = Number(value, name, 1, 1_000_000);
                        break;
                    case "--window":
                    case "--windows":
                        o.Windows = [.. List<double>(value, name, Window)];
                        break;
                    case "--k":
                        o.K = (int)Number(value, name, 1, 1000);
                        break;
                    case "--hours":
                        o.DayHours = Number(value, name, 1, 16);
                        break;
                    case "--regions":
                        o.RegionsFile = value;
                        break;
                    case "--out":
                        o.Out = value;
                        break;
                    default:
                        throw new SimOptionException($"unknown option '{name}'");
                }
            }

            return o;
        }

        private static List<T> List<T>(string text, string name, Func<string, T?> parse)
            where T : struct
        {
            var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (items.Length == 0)
            {
                throw new SimOptionException($"{name}: no value given");
            }

            return [.. items.Select(item => parse(item) ?? throw new SimOptionException($"{name}: '{item}' is not valid"))];
        }

        private static double Number(string text, string name, double min, double max) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= min && v <= max
                ? v
                : throw new SimOptionException(FormattableString.Invariant($"{name}: '{text}' is not a number in [{min}, {max}]"));

        /// <summary>"250ms", "60s", "5m" or plain seconds; positive.</summary>
        private static double? Window(string text)
        {
            var (number, scale) = text switch
            {
                _ when text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (text[..^2], 0.001),
                _ when text.EndsWith("min", StringComparison.OrdinalIgnoreCase) => (text[..^3], 60.0),
                _ when text.EndsWith('m') || text.EndsWith('M') => (text[..^1], 60.0),
                _ when text.EndsWith('s') || text.EndsWith('S') => (text[..^1], 1.0),
                _ => (text, 1.0),
            };
            return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v > 0
                ? v * scale
                : null;
        }
    }
}
