using System.Globalization;
using System.Text;
using Dispatch.Domain.Sla;

namespace Dispatch.Simulation;

/// <summary>Tickets and SLA arrival breaches of one priority.</summary>
internal sealed record PriorityMetrics(int Tickets, int Breaches, double BreachPercent);

/// <summary>
/// One strategy's day. Times in minutes, distances in km. A ticket breaches its SLA when the engineer arrives after
/// the deadline (<see cref="LateArrivals"/>), or when it is still unassigned at day end and its deadline falls before
/// the next working day starts, 24 h after this one did: nobody works overnight, so it cannot be met. With the default
/// 12-hour day and targets of at most 8 h, that is every ticket unassigned at day end.
/// </summary>
internal sealed record StrategyMetrics(
    string Strategy,
    double? WindowSeconds,
    int Tickets,
    int Assigned,
    int Unserved,
    double TotalTravelKm,
    double MeanTravelKm,
    double MeanTravelMinutes,
    double P90TravelMinutes,
    int SlaBreaches,
    double SlaBreachPercent,
    int LateArrivals,
    int UnservedBreaches,
    IReadOnlyDictionary<string, PriorityMetrics> ByPriority,
    double MeanWaitMinutes,
    double P90WaitMinutes,
    double MaxWaitMinutes,
    double MeanResponseMinutes,
    double EngineerBusyPercent,
    double RunMilliseconds)
{
    public static StrategyMetrics Measure(Scenario scenario, Strategy strategy, TicketOutcome[] outcomes, double runMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(outcomes);
        var tickets = scenario.Tickets;
        var travelKm = new List<double>();
        var travelMin = new List<double>();
        var waitMin = new List<double>();
        var responseMin = new List<double>();
        var breaches = 0;
        var late = 0;
        var unservedBreaches = 0;
        const double NextDayStarts = 24 * 3600;
        var perPriority = Enum.GetValues<Priority>().ToDictionary(p => p, _ => (Tickets: 0, Breaches: 0));
        double busySeconds = 0;
        foreach (var ticket in tickets)
        {
            var o = outcomes[ticket.Index];
            bool breached;
            if (o.Assigned)
            {
                travelKm.Add(o.TravelMeters / 1000);
                travelMin.Add(o.TravelSeconds / 60);
                waitMin.Add((o.AssignedAt - ticket.CreatedAt) / 60);
                responseMin.Add((o.ArrivedAt - ticket.CreatedAt) / 60);
                breached = o.ArrivedAt > ticket.DeadlineAt;
                late += breached ? 1 : 0;
                // Engineer time spent on the day's work (journey and on site), cut at day end.
                busySeconds += Math.Max(0, Math.Min(scenario.DaySeconds, o.ArrivedAt + ticket.ServiceSeconds) - o.AssignedAt);
            }
            else
            {
                breached = ticket.DeadlineAt < NextDayStarts;
                unservedBreaches += breached ? 1 : 0;
            }

            var (n, b) = perPriority[ticket.Priority];
            perPriority[ticket.Priority] = (n + 1, b + (breached ? 1 : 0));
            breaches += breached ? 1 : 0;
        }

        return new StrategyMetrics(
            strategy.Name,
            strategy.Batch ? strategy.WindowSeconds : null,
            tickets.Count,
            travelKm.Count,
            tickets.Count - travelKm.Count,
            travelKm.Sum(),
            Mean(travelKm),
            Mean(travelMin),
            Percentile(travelMin, 0.90),
            breaches,
            Percent(breaches, tickets.Count),
            late,
            unservedBreaches,
            perPriority.ToDictionary(kv => kv.Key.ToString(), kv => new PriorityMetrics(kv.Value.Tickets, kv.Value.Breaches, Percent(kv.Value.Breaches, kv.Value.Tickets))),
            Mean(waitMin),
            Percentile(waitMin, 0.90),
            waitMin.Count == 0 ? 0 : waitMin.Max(),
            Mean(responseMin),
            Percent(busySeconds, scenario.Engineers.Count * scenario.DaySeconds),
            runMilliseconds);
    }

    private static double Mean(List<double> values) => values.Count == 0 ? 0 : values.Average();

    private static double Percent(double part, double whole) => whole <= 0 ? 0 : 100 * part / whole;

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(List<double> values, double q)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(q * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}

/// <summary>One seed's day: the input in brief and every strategy's metrics.</summary>
internal sealed record SeedRun(
    int Seed,
    int Engineers,
    int Tickets,
    IReadOnlyDictionary<string, int> TicketsByPriority,
    double ScenarioMilliseconds,
    IReadOnlyList<StrategyMetrics> Strategies);

/// <summary>The whole JSON document written by <c>--out</c>.</summary>
internal sealed record SimulationReport(
    string Tool,
    DateTimeOffset GeneratedAt,
    SimulationSettings Settings,
    IReadOnlyList<SeedRun> Runs);

internal sealed record SimulationSettings(
    string RegionsFile,
    int Engineers,
    double ExpectedTickets,
    double DayHours,
    string DayStart,
    int CandidatesK,
    double SearchRadiusMeters,
    int MaxBatch,
    IReadOnlyList<double> WindowsSeconds,
    IReadOnlyDictionary<string, double> ArrivalTargetHours,
    IReadOnlyDictionary<string, double> PriorityMixPercent,
    double MinServiceMinutes,
    double MaxServiceMinutes,
    IReadOnlyDictionary<string, double> ScoringWeights);

/// <summary>Markdown tables: one per seed with the strategies side by side, and a summary over seeds.</summary>
internal static class Tables
{
    private static readonly (string Label, Func<StrategyMetrics, string> Value)[] Rows =
    [
        ("Tickets assigned", m => I($"{m.Assigned} / {m.Tickets}")),
        ("Unserved at day end", m => I($"{m.Unserved}")),
        ("**Total travel distance (km)**", m => I($"**{m.TotalTravelKm:0.0}**")),
        ("Mean travel per job (km)", m => I($"{m.MeanTravelKm:0.00}")),
        ("Mean travel time (min)", m => I($"{m.MeanTravelMinutes:0.0}")),
        ("p90 travel time (min)", m => I($"{m.P90TravelMinutes:0.0}")),
        ("**SLA arrival breaches** (late + unserved)", m => I($"**{m.SlaBreaches} ({m.SlaBreachPercent:0.0}%)**")),
        ("  of which late arrivals", m => I($"{m.LateArrivals}")),
        ("  of which unserved at day end", m => I($"{m.UnservedBreaches}")),
        ("  P1 breached", m => PriorityCell(m, Priority.P1)),
        ("  P2 breached", m => PriorityCell(m, Priority.P2)),
        ("  P3 breached", m => PriorityCell(m, Priority.P3)),
        ("  P4 breached", m => PriorityCell(m, Priority.P4)),
        ("Mean wait, created → assigned (min)", m => I($"{m.MeanWaitMinutes:0.0}")),
        ("p90 wait (min)", m => I($"{m.P90WaitMinutes:0.0}")),
        ("Max wait (min)", m => I($"{m.MaxWaitMinutes:0.0}")),
        ("Mean response, created → on site (min)", m => I($"{m.MeanResponseMinutes:0.0}")),
        ("Engineer busy (travel + on site)", m => I($"{m.EngineerBusyPercent:0.0}%")),
        ("Simulation run time (ms)", m => I($"{m.RunMilliseconds:0}")),
    ];

    public static string SeedTable(SeedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var sb = new StringBuilder();
        sb.Append(I($"### Seed {run.Seed}: {run.Engineers} engineers, {run.Tickets} tickets ("))
            .Append(string.Join(", ", run.TicketsByPriority.Select(kv => I($"{kv.Key} {kv.Value}"))))
            .AppendLine(")")
            .AppendLine();
        sb.Append("| Metric |");
        foreach (var s in run.Strategies)
        {
            sb.Append(' ').Append(s.Strategy).Append(" |");
        }

        sb.AppendLine().Append("|---|");
        foreach (var _ in run.Strategies)
        {
            sb.Append("---:|");
        }

        sb.AppendLine();
        foreach (var (label, value) in Rows)
        {
            sb.Append("| ").Append(label).Append(" |");
            foreach (var s in run.Strategies)
            {
                sb.Append(' ').Append(value(s)).Append(" |");
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }

    /// <summary>Travel and breaches per seed and strategy, with each batch's change against greedy.</summary>
    public static string Summary(IReadOnlyList<SeedRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var sb = new StringBuilder();
        sb.AppendLine("### Summary over seeds: total travel (km) and SLA breaches, change against greedy").AppendLine();
        var names = runs[0].Strategies.Select(s => s.Strategy).ToList();
        sb.Append("| Seed |");
        foreach (var name in names)
        {
            sb.Append(I($" {name} km | {name} breaches |"));
        }

        sb.AppendLine().Append("|---:|");
        foreach (var _ in names)
        {
            sb.Append("---:|---:|");
        }

        sb.AppendLine();
        foreach (var run in runs)
        {
            var greedy = run.Strategies[0];
            sb.Append(I($"| {run.Seed} |"));
            foreach (var s in run.Strategies)
            {
                if (ReferenceEquals(s, greedy))
                {
                    sb.Append(I($" {s.TotalTravelKm:0.0} | {s.SlaBreaches} ({s.SlaBreachPercent:0.0}%) |"));
                }
                else
                {
                    sb.Append(I($" {s.TotalTravelKm:0.0} ({Change(s.TotalTravelKm, greedy.TotalTravelKm)}) | {s.SlaBreaches} ({s.SlaBreachPercent:0.0}%, {Delta(s.SlaBreaches - greedy.SlaBreaches)}) |"));
                }
            }

            sb.AppendLine();
        }

        sb.Append("| mean |");
        for (var i = 0; i < names.Count; i++)
        {
            var km = runs.Average(r => r.Strategies[i].TotalTravelKm);
            var breaches = runs.Average(r => r.Strategies[i].SlaBreaches);
            var pct = runs.Average(r => r.Strategies[i].SlaBreachPercent);
            if (i == 0)
            {
                sb.Append(I($" {km:0.0} | {breaches:0.0} ({pct:0.0}%) |"));
            }
            else
            {
                var greedyKm = runs.Average(r => r.Strategies[0].TotalTravelKm);
                var greedyBreaches = runs.Average(r => r.Strategies[0].SlaBreaches);
                sb.Append(I($" {km:0.0} ({Change(km, greedyKm)}) | {breaches:0.0} ({pct:0.0}%, {Delta(breaches - greedyBreaches)}) |"));
            }
        }

        return sb.AppendLine().ToString();
    }

    private static string PriorityCell(StrategyMetrics m, Priority p) =>
        m.ByPriority.TryGetValue(p.ToString(), out var x) ? I($"{x.Breaches} / {x.Tickets} ({x.BreachPercent:0.0}%)") : "-";

    private static string Change(double value, double baseline) =>
        baseline == 0 ? "n/a" : I($"{(value - baseline) / baseline * 100:+0.0;-0.0;0.0}%");

    private static string Delta(double d) => I($"{d:+0.#;-0.#;0}");

    private static string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
