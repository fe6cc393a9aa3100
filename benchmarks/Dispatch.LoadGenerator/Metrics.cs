using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;

namespace Dispatch.LoadGenerator;

/// <summary>An HdrHistogram of microseconds (1 µs to 1 h, 3 significant digits), safe to record from many threads.</summary>
internal sealed class LatencyHistogram(string name)
{
    private readonly LongHistogram _histogram = new(1, 3_600_000_000L, 3);
    private readonly Lock _gate = new();

    public string Name { get; } = name;

    public void RecordTicks(long stopwatchTicks)
    {
        var micros = Math.Clamp(stopwatchTicks * 1_000_000 / Stopwatch.Frequency, 1, 3_600_000_000L);
        lock (_gate)
        {
            _histogram.RecordValue(micros);
        }
    }

    public long Count
    {
        get { lock (_gate) { return _histogram.TotalCount; } }
    }

    /// <summary>A percentile in milliseconds, or null when nothing was recorded.</summary>
    public double? PercentileMs(double percentile)
    {
        lock (_gate)
        {
            return _histogram.TotalCount == 0 ? null : _histogram.GetValueAtPercentile(percentile) / 1000.0;
        }
    }

    public HistogramSummary Summary()
    {
        lock (_gate)
        {
            if (_histogram.TotalCount == 0)
            {
                return new HistogramSummary(Name, 0, null, null, null, null, null, null, null);
            }
            static double Ms(long micros) => Math.Round(micros / 1000.0, 3);
            return new HistogramSummary(Name, _histogram.TotalCount,
                Ms(_histogram.GetValueAtPercentile(50)), Ms(_histogram.GetValueAtPercentile(90)), Ms(_histogram.GetValueAtPercentile(99)),
                Ms(_histogram.GetValueAtPercentile(99.9)), Ms(_histogram.GetMaxValue()), Math.Round(_histogram.GetMean() / 1000.0, 3),
                Ms(_histogram.GetValueAtPercentile(0)));
        }
    }
}

internal sealed record HistogramSummary(string Name, long Count, double? P50Ms, double? P90Ms, double? P99Ms, double? P999Ms, double? MaxMs, double? MeanMs, double? MinMs);

/// <summary>Everything the run counts. Counters are plain longs updated with Interlocked.</summary>
internal sealed class Metrics
{
    public readonly LatencyHistogram IntakeToOffer = new("intake→offer pushed to the engineer");
    public readonly LatencyHistogram IntakeToAccepted = new("intake→accepted (accept call returned 200)");
    public readonly LatencyHistogram PositionLag = new("position sent→seen in a dispatcher 'engineers' push");
    public readonly LatencyHistogram IntakeResponse = new("POST /api/tickets response time (incl. retries)");
    public readonly LatencyHistogram ScheduleLag = new("generator lag: scheduled arrival→POST sent");
    public readonly LatencyHistogram PositionCall = new("ReportPosition hub call round trip");
    public readonly LatencyHistogram Refusals = new("429/503 answer time (request sent→refusal)");

    public long Scheduled;
    public long Created;          // 201
    public long CreatedAgain;     // 200 on the first attempt's retry: the same ticket (idempotent)
    public long Offered;          // tickets with at least one offer pushed to an engineer
    public long Accepted;
    public long Resolved;
    public long Declined;
    public long ForeignOffers;    // offers for tickets this run did not create (left over from earlier runs)
    public long RepeatOffers;     // a second (or later) offer for one of our tickets: after a decline or an expiry
    public long IntakeRetries;    // 429/503 answered with a retry
    public long Refused429;       // every 429 answer, any call
    public long Refused503;       // every 503 answer, any call
    public long PositionsSent;
    public long PositionsAccepted;
    public long PositionsIgnored;
    public long PositionsFlagged;
    public long PositionsSeen;
    public long EngineerPushes;
    public long MarkersSeen;
    public long AlertsSeen;
    public long Breaches;
    public long HubReconnects;
    public long InFlightIntake;

    public readonly ConcurrentDictionary<string, long> Errors = new(StringComparer.Ordinal);
    public readonly ConcurrentDictionary<string, long> AlertKinds = new(StringComparer.Ordinal);

    public void Error(string kind) => Errors.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public long ErrorCount => Errors.Values.Sum();
}
