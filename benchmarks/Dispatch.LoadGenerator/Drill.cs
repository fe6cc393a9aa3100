using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Dispatch.LoadGenerator;

/// <summary>How many tickets waited past recovery for one fault.</summary>
/// <param name="Waiting">Tickets created before the recovery and not yet offered when the fault was caused.</param>
/// <param name="NotOfferedWithin10s">Of those, the ones first offered more than 10 s after the recovery, or never.</param>
internal sealed record FaultWaiting(string Fault, long Waiting, long NotOfferedWithin10s, double? WorstOfferAfterRecoverySeconds);

/// <summary>What the drill saw from outside: the faults and their recovery, the waits they caused, refusals, memory.</summary>
internal sealed record DrillReport(
    IReadOnlyList<FaultOutcome> Faults,
    IReadOnlyList<FaultWaiting> Waits,
    long CreatedNeverOffered,
    long Refused429,
    long Refused503,
    HistogramSummary RefusalTime,
    IReadOnlyDictionary<string, double> PeakMemoryMb);

internal static class Drill
{
    /// <summary>A ticket first offered this long after a recovery (or never) counts as stranded by its fault.</summary>
    public static readonly TimeSpan OfferBound = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A policy with second-scale targets ahead of every other (position 0), so that a short drill has many
    /// warnings, breaches and escalations to fire, and their lateness to measure: response (created to accepted)
    /// 2 s and resolution 5 s, which every job of 5-20 s breaches.
    /// </summary>
    public static async Task InstallPolicyAsync(Api api, string admin, CancellationToken ct)
    {
        var policy = JsonNode.Parse("""
            {"id": "drill", "name": "Drill: second-scale targets",
             "match": {"priorities": ["P1", "P2", "P3", "P4"]},
             "targets": [{"metric": "response", "target": "00:00:02", "calendar": "24x7"},
                         {"metric": "resolution", "target": "00:00:05", "calendar": "24x7"}],
             "ladder": [{"id": "warn", "kind": "warning", "percent": 50, "level": 0, "actions": []},
                        {"id": "breach", "kind": "breach", "percent": 100, "level": 1, "actions": []},
                        {"id": "late", "kind": "escalation", "afterBreach": "00:00:03", "level": 2, "actions": []}]}
            """)!;
        var r = await api.Field<object>(HttpMethod.Put, "/api/sla/policies/drill?position=0", admin, policy, "setup-policy", ct);
        if (!r.Ok)
        {
            throw new InvalidOperationException($"PUT /api/sla/policies/drill: {r.ErrorKind} {api.ErrorSamples.GetValueOrDefault(r.ErrorKind ?? "")}");
        }
    }

    /// <summary>Per fault: the tickets it left waiting and how many were not offered within <see cref="OfferBound"/> of the recovery.</summary>
    public static List<FaultWaiting> Waits(IReadOnlyList<FaultOutcome> faults, IReadOnlyList<TicketTrack> tickets, long clockStart)
    {
        double Seconds(long timestamp) => (double)(timestamp - clockStart) / Stopwatch.Frequency;
        var waits = new List<FaultWaiting>();
        foreach (var fault in faults)
        {
            var recovered = fault.RecoveredAt ?? double.PositiveInfinity;
            long waiting = 0, late = 0;
            double? worst = null;
            foreach (var t in tickets)
            {
                if (t.Outcome != 1 || Seconds(t.SentTimestamp) > recovered)
                {
                    continue;
                }
                double? offeredAt = t.FirstOfferTimestamp == 0 ? null : Seconds(t.FirstOfferTimestamp);
                if (offeredAt is { } o && o <= fault.CausedAt)
                {
                    continue;
                }
                waiting++;
                var after = (offeredAt ?? double.PositiveInfinity) - recovered;
                if (after > OfferBound.TotalSeconds)
                {
                    late++;
                }
                if (offeredAt is not null && after > (worst ?? double.NegativeInfinity))
                {
                    worst = Math.Round(after, 1);
                }
            }
            waits.Add(new FaultWaiting(fault.Name, waiting, late, worst));
        }
        return waits;
    }
}
