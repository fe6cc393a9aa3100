using System.Globalization;
using System.Net;

namespace Dispatch.LoadGenerator;

internal enum Scenario
{
    Steady,
    Surge,
    Demo,
    Drill,
}

/// <summary>The ticket mix: priorities (weights), how many skills exist, how many tickets need two, VIP customers.</summary>
internal sealed record Mix(double P1, double P2, double P3, double P4, int Skills, double MultiSkillPercent, double VipPercent)
{
    public static readonly string[] SkillNames =
        ["electrical", "plumbing", "hvac", "network", "mechanical", "security", "elevator", "fire-safety", "solar", "refrigeration", "it-hardware", "welding"];

    public static Mix Default => new(5, 20, 50, 25, 6, 10, 10);

    /// <summary>"p1=5,p2=20,p3=50,p4=25,skills=6,multi=10,vip=10"; keys not given keep their default.</summary>
    public static Mix Parse(string text)
    {
        var mix = Default;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || !double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v < 0)
            {
                throw new OptionException($"--mix: '{part}' is not key=number (keys: p1,p2,p3,p4,skills,multi,vip)");
            }
            mix = kv[0].ToLowerInvariant() switch
            {
                "p1" => mix with { P1 = v },
                "p2" => mix with { P2 = v },
                "p3" => mix with { P3 = v },
                "p4" => mix with { P4 = v },
                "skills" when v is >= 1 and <= 12 => mix with { Skills = (int)v },
                "multi" when v <= 100 => mix with { MultiSkillPercent = v },
                "vip" when v <= 100 => mix with { VipPercent = v },
                _ => throw new OptionException($"--mix: unknown key or value out of range in '{part}' (skills 1-12, multi and vip 0-100)"),
            };
        }
        if (mix.P1 + mix.P2 + mix.P3 + mix.P4 <= 0)
        {
            throw new OptionException("--mix: the priority weights add up to zero");
        }
        return mix;
    }

    public override string ToString() =>
        FormattableString.Invariant($"P1 {P1}%, P2 {P2}%, P3 {P3}%, P4 {P4}%; {Skills} skills, {MultiSkillPercent}% need two; {VipPercent}% VIP customers");
}

internal sealed class OptionException(string message) : Exception(message);

/// <summary>The command line: "--name value" pairs (and a few flags), checked and given defaults.</summary>
internal sealed class Options
{
    public Uri Target { get; private set; } = new("http://127.0.0.1:5080");
    public double Rate { get; private set; } = 50;
    public double Duration { get; private set; } = 60;
    public int Engineers { get; private set; } = 1000;
    public double PositionInterval { get; private set; } = 10;
    public int AcceptDelayMs { get; private set; } = 500;
    public Scenario Scenario { get; private set; } = Scenario.Steady;
    public Mix Mix { get; private set; } = Mix.Default;
    public string? Out { get; private set; }
    public long MaxTickets { get; private set; }
    public int Customers { get; private set; } = 200;
    public int Seed { get; private set; } = 42;
    // HTTP/1.1 carries one request per connection at a time: at 1,000 tickets/s and a few hundred ms per
    // intake the generator needs several hundred connections, or it, not the server, caps the rate.
    public int HttpConnections { get; private set; } = 512;
    public int SetupConcurrency { get; private set; } = 64;
    public double DrainSeconds { get; private set; } = 30;
    public double JobMinSeconds { get; private set; } = 5;
    public double JobMaxSeconds { get; private set; } = 20;
    public double DeclinePercent { get; private set; }
    public int AcceptDelayMaxMs { get; private set; }
    public bool SkipStoreCheck { get; private set; }
    public bool Cleanup { get; private set; } = true;
    public bool Quiet { get; private set; }
    public string EngineerPrefix { get; private set; } = "lg-e";
    public string CustomerPrefix { get; private set; } = "lg-c";
    public string RunId { get; private set; } = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    /// <summary>Drill: the flood window (seconds from the start of the arrivals) and its rate.</summary>
    public double FloodAt { get; private set; } = -1;
    public double FloodFor { get; private set; } = 10;
    public double FloodRate { get; private set; } = 1000;

    /// <summary>Drill: the faults to cause, in time order.</summary>
    public List<Fault> Faults { get; } = [];

    /// <summary>The server's processes, whose memory and CPU the run reports.</summary>
    public List<WatchedProcess> Watched { get; } = [];

    /// <summary>Webhook subscriptions to every ticket event, delivered to a receiver in this process.</summary>
    public int Webhooks { get; private set; }

    /// <summary>Drill: the health endpoints that must answer 200 before a fault counts as recovered.</summary>
    public List<Uri> HealthUrls { get; } = [];

    /// <summary>True when the run has no end of its own (demo without --duration).</summary>
    public bool Endless { get; private set; }

    public static string Usage => """
        Dispatch load generator and city simulator: drives a running Dispatch over HTTP and SignalR.

        usage: dotnet run --project benchmarks/Dispatch.LoadGenerator -c Release -- [options]

          --target URL             Dispatch to drive; loopback only (default http://127.0.0.1:5080)
          --scenario NAME          steady | surge (rate x3 for the middle minute) | demo (city simulator)
                                   | drill (steady, faults and a flood; see below)
          --rate N                 tickets per second, Poisson arrivals (default 50; demo 0.25)
          --duration S             seconds of arrivals (default 60; demo: until Ctrl-C unless given)
          --engineers N            simulated engineers, one engineer-hub connection each (default 1000; demo 200)
          --position-interval S    seconds between an engineer's positions, spread evenly (default 10; demo 5)
          --accept-delay MS        delay before accepting an offer (default 500; demo 5000-30000 random)
          --accept-delay-max MS    accept after a uniform delay in [accept-delay, accept-delay-max]
          --decline PCT            percentage of offers declined (default 0; demo 10)
          --job S[-S]              seconds from accept to resolved (default 5-20; demo: drive there, then 60-180)
          --mix SPEC               p1=5,p2=20,p3=50,p4=25,skills=6,multi=10,vip=10 (the defaults)
          --customers N            customers to set up (default 200)
          --max-tickets N          hard bound on tickets (default rate x duration x 1.5, x3 in the surge minute)
          --seed N                 seed of every random choice (default 42)
          --out FILE               write the results as JSON
          --http-connections N     max HTTP/1.1 connections per pool (default 512; two pools: intake, field)
          --setup-concurrency N    parallel set-up calls (default 64)
          --drain S                at most this long after the arrivals for offers/accepts (default 30, max 30)
          --run-id ID              part of every externalId (default: the UTC start time)
          --engineer-prefix P      engineer ids are P-00000, P-00001, ... (default lg-e): a new prefix registers a new fleet
          --no-store-check         skip the final store check
          --no-cleanup             leave engineers Available and jobs open at the end
          --quiet                  a progress line per minute instead of every 5 s
          --watch "NAME|PIDFILE"   a server process: its peak memory (PSS, with its children, sampled every second) and
                                   the CPU it and its children used during the run, per created ticket (repeatable;
                                   ./dispatch load adds the processes of ./dispatch up or cluster up by itself)
          --webhooks N             N webhook subscriptions to every ticket event, received here: deliveries/s,
                                   event→delivery, signatures, order per ticket, nothing lost (default 0)
        Drill (./dispatch drill runs it against a cluster it starts):
          --fault "S|NAME|COMMAND" at S seconds run COMMAND (sh -c) and wait until every --health answers 200 (repeatable)
          --health URL             a health endpoint that must answer 200 for recovery (repeatable; default the target's /health)
          --flood-at S             the flood's start in seconds (default 75% of --duration)
          --flood-for S            the flood's length in seconds (default 10)
          --flood-rate N           tickets per second during the flood (default 1000)
        Exit code: 0 when every created ticket is in the store exactly once (and, with --webhooks, its ticket.created
        reached every subscription, signed and in order), 2 when not, 1 on failure, 64 on bad options.
        """;

    public static Options Parse(string[] args)
    {
        var o = new Options();
        var given = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new OptionException($"unexpected argument '{name}' (options look like --name value)");
            }
            var key = name[2..];
            string? value = null;
            var eq = key.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = key[(eq + 1)..];
                key = key[..eq];
            }
            string Value()
            {
                if (value is not null)
                {
                    return value;
                }
                if (i + 1 >= args.Length)
                {
                    throw new OptionException($"--{key} needs a value");
                }
                return args[++i];
            }
            given.Add(key);
            switch (key)
            {
                case "help" or "h":
                    throw new OptionException("");
                case "target": o.Target = ParseTarget(Value()); break;
                case "rate": o.Rate = Number(key, Value(), 0.001, 1_000_000); break;
                case "duration": o.Duration = Number(key, Value(), 1, 7 * 24 * 3600); break;
                case "engineers": o.Engineers = (int)Number(key, Value(), 1, 200_000); break;
                case "position-interval": o.PositionInterval = Number(key, Value(), 0.5, 3600); break;
                case "accept-delay": o.AcceptDelayMs = (int)Number(key, Value(), 0, 600_000); break;
                case "accept-delay-max": o.AcceptDelayMaxMs = (int)Number(key, Value(), 0, 600_000); break;
                case "decline": o.DeclinePercent = Number(key, Value(), 0, 100); break;
                case "job":
                    {
                        var parts = Value().Split('-', 2);
                        o.JobMinSeconds = Number(key, parts[0], 0, 86_400);
                        o.JobMaxSeconds = parts.Length > 1 ? Number(key, parts[1], o.JobMinSeconds, 86_400) : o.JobMinSeconds;
                        break;
                    }
                case "scenario":
                    o.Scenario = Value().ToLowerInvariant() switch
                    {
                        "steady" => Scenario.Steady,
                        "surge" => Scenario.Surge,
                        "demo" => Scenario.Demo,
                        "drill" => Scenario.Drill,
                        var s => throw new OptionException($"--scenario: '{s}' is not steady, surge, demo or drill"),
                    };
                    break;
                case "mix": o.Mix = Mix.Parse(Value()); break;
                case "out": o.Out = Value(); break;
                case "max-tickets": o.MaxTickets = (long)Number(key, Value(), 1, 1e9); break;
                case "customers": o.Customers = (int)Number(key, Value(), 1, 100_000); break;
                case "seed": o.Seed = (int)Number(key, Value(), int.MinValue, int.MaxValue); break;
                case "http-connections": o.HttpConnections = (int)Number(key, Value(), 1, 4096); break;
                case "setup-concurrency": o.SetupConcurrency = (int)Number(key, Value(), 1, 1024); break;
                case "drain": o.DrainSeconds = Number(key, Value(), 0, 30); break;
                case "run-id":
                    o.RunId = Value();
                    if (o.RunId.Length is 0 or > 40 || !o.RunId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                    {
                        throw new OptionException("--run-id: 1-40 letters, digits, '-', '_' or '.'");
                    }
                    break;
                case "engineer-prefix":
                    o.EngineerPrefix = Value();
                    if (o.EngineerPrefix.Length is 0 or > 20 || !o.EngineerPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                    {
                        throw new OptionException("--engineer-prefix: 1-20 letters, digits, '-' or '_'");
                    }
                    break;
                case "fault": o.Faults.Add(Fault.Parse(Value())); break;
                case "health":
                    {
                        var url = Value();
                        o.HealthUrls.Add(new Uri(ParseTarget(url), new Uri(url, UriKind.Absolute).PathAndQuery));
                        break;
                    }
                case "flood-at": o.FloodAt = Number(key, Value(), 0, 7 * 24 * 3600); break;
                case "flood-for": o.FloodFor = Number(key, Value(), 1, 3600); break;
                case "flood-rate": o.FloodRate = Number(key, Value(), 0.001, 1_000_000); break;
                case "watch": o.Watched.Add(WatchedProcess.Parse(Value())); break;
                case "webhooks": o.Webhooks = (int)Number(key, Value(), 0, 16); break;
                case "no-store-check": o.SkipStoreCheck = true; break;
                case "no-cleanup": o.Cleanup = false; break;
                case "quiet": o.Quiet = true; break;
                default: throw new OptionException($"unknown option --{key}");
            }
        }

        if (o.Scenario == Scenario.Demo)
        {
            if (!given.Contains("engineers")) o.Engineers = 200;
            if (!given.Contains("rate")) o.Rate = 0.25;
            if (!given.Contains("position-interval")) o.PositionInterval = 5;
            if (!given.Contains("accept-delay")) o.AcceptDelayMs = 5_000;
            if (!given.Contains("accept-delay-max")) o.AcceptDelayMaxMs = 30_000;
            if (!given.Contains("decline")) o.DeclinePercent = 10;
            if (!given.Contains("job")) { o.JobMinSeconds = 60; o.JobMaxSeconds = 180; }
            if (!given.Contains("http-connections")) o.HttpConnections = 8;
            if (!given.Contains("setup-concurrency")) o.SetupConcurrency = 16;
            o.Endless = !given.Contains("duration");
            o.Quiet = true;
            o.EngineerPrefix = "demo-e";
            o.CustomerPrefix = "demo-c";
            o.SkipStoreCheck = o.SkipStoreCheck || o.Endless;
        }
        if (o.Scenario == Scenario.Drill)
        {
            if (o.FloodAt < 0) o.FloodAt = o.Duration * 0.75;
            if (o.HealthUrls.Count == 0) o.HealthUrls.Add(new Uri(o.Target, "/health"));
            o.Faults.Sort((a, b) => a.AtSeconds.CompareTo(b.AtSeconds));
        }
        else if (o.Faults.Count > 0 || given.Contains("flood-at"))
        {
            throw new OptionException("--fault and --flood-* belong to --scenario drill");
        }
        if (o.AcceptDelayMaxMs < o.AcceptDelayMs)
        {
            o.AcceptDelayMaxMs = o.AcceptDelayMs;
        }
        if (o.MaxTickets == 0)
        {
            var planned = o.Scenario switch
            {
                Scenario.Surge => o.Rate * (o.Duration + 2 * Math.Min(60, o.Duration)),
                Scenario.Drill => o.Rate * o.Duration + o.FloodRate * o.FloodFor,
                _ => o.Rate * o.Duration,
            };
            o.MaxTickets = o.Endless ? long.MaxValue : (long)Math.Ceiling(planned * 1.5) + 10;
        }
        return o;
    }

    /// <summary>The rate at <paramref name="elapsed"/> seconds: the surge triples it for the middle minute.</summary>
    public double RateAt(double elapsed)
    {
        if (Scenario == Scenario.Drill)
        {
            return elapsed >= FloodAt && elapsed < FloodAt + FloodFor ? FloodRate : Rate;
        }
        if (Scenario != Scenario.Surge)
        {
            return Rate;
        }
        var surge = Math.Min(60, Duration);
        var start = (Duration - surge) / 2;
        return elapsed >= start && elapsed < start + surge ? Rate * 3 : Rate;
    }

    private static double Number(string key, string text, double min, double max) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= min && v <= max
            ? v
            : throw new OptionException(FormattableString.Invariant($"--{key}: '{text}' is not a number from {min} to {max}"));

    /// <summary>Only loopback targets: this tool generates heavy load and must never be pointed at someone else's server by accident.</summary>
    public static Uri ParseTarget(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new OptionException($"--target: '{text}' is not an http(s) URL");
        }
        var host = uri.Host.Trim('[', ']');
        var loopback = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
        if (!loopback)
        {
            throw new OptionException(
                $"--target: refusing '{uri.Host}': the load generator only drives a Dispatch on this machine (127.0.0.0/8, localhost or ::1)");
        }
        return new Uri(uri.GetLeftPart(UriPartial.Authority));
    }
}
