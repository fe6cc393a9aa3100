using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Dispatch.Grains.Telemetry;

/// <summary>
/// The silo's own instruments, in one place: what tickets, regions and the event log report. Exported at the
/// silo's /metrics (Silo/Telemetry); names follow OpenTelemetry's conventions, Prometheus shows them as
/// dispatch_checkpoint_lateness_seconds and so on.
/// </summary>
public static class DispatchMeters
{
    public const string Grains = "Dispatch.Grains";

    /// <summary>The meter EventQuarantine reports on too.</summary>
    public const string EventLog = "Dispatch.EventLog";

    private static readonly Meter GrainMeter = new(Grains);
    private static readonly Meter EventLogMeter = new(EventLog);

    private static readonly Histogram<double> Lateness = GrainMeter.CreateHistogram<double>(
        "dispatch.checkpoint.lateness", unit: "s", description: "When a ticket fired a checkpoint, minus when it was due",
        advice: new() { HistogramBucketBoundaries = [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });

    private static readonly Histogram<double> ToOffer = GrainMeter.CreateHistogram<double>(
        "dispatch.ticket.intake_to_offer", unit: "s", description: "From a ticket's intake to an offer made to an engineer (re-offers included)",
        advice: new() { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });

    private static readonly Histogram<double> BatchDuration = EventLogMeter.CreateHistogram<double>(
        "dispatch.eventlog.batch.duration", unit: "s", description: "One group-commit round trip: grain states, their events and reminders in one transaction",
        advice: new() { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5] });

    private static readonly Histogram<int> BatchSize = EventLogMeter.CreateHistogram<int>(
        "dispatch.eventlog.batch.statements", unit: "{statement}", description: "Writes that shared one group-commit round trip",
        advice: new() { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });

    private static readonly Counter<long> WriteFailures = EventLogMeter.CreateCounter<long>(
        "dispatch.eventlog.write.failures", unit: "{statement}", description: "Writes (state with events, reminders) that failed and were reported to their grain");

    private static readonly ConcurrentDictionary<string, (object Owner, Func<int> Depth)> Queues = new();

    static DispatchMeters()
    {
        GrainMeter.CreateObservableGauge("dispatch.region.queue.depth",
            () => Queues.Select(q => new Measurement<int>(q.Value.Depth(), new KeyValuePair<string, object?>("region", q.Key))),
            unit: "{ticket}", description: "Tickets waiting in a region's queue for an engineer, per region active on this silo");
    }

    public static void CheckpointFired(DateTimeOffset dueAt, DateTimeOffset firedAt, string kind) =>
        Lateness.Record(Math.Max(0, (firedAt - dueAt).TotalSeconds), new KeyValuePair<string, object?>("kind", kind));

    public static void OfferMade(DateTimeOffset intakeAt, DateTimeOffset offeredAt) =>
        ToOffer.Record(Math.Max(0, (offeredAt - intakeAt).TotalSeconds));

    public static void BatchCommitted(TimeSpan duration, int statements)
    {
        BatchDuration.Record(duration.TotalSeconds);
        BatchSize.Record(statements);
    }

    public static void WritesFailed(int statements) => WriteFailures.Add(statements);

    /// <summary>Reports a region's queue depth while its grain (the owner) is active here.</summary>
    public static void TrackQueue(string region, object owner, Func<int> depth) => Queues[region] = (owner, depth);

    /// <summary>On deactivation; a newer activation of the region that already took its place stays.</summary>
    public static void UntrackQueue(string region, object owner)
    {
        if (Queues.TryGetValue(region, out var entry) && ReferenceEquals(entry.Owner, owner))
        {
            Queues.TryRemove(new KeyValuePair<string, (object, Func<int>)>(region, entry));
        }
    }
}
