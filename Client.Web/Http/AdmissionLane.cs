using System.Globalization;
using System.Threading.RateLimiting;

namespace Dispatch.Web.Http;

/// <summary>
/// One kind of work with its shared slots: every caller's <see cref="CallerLimiter"/> takes a slot of its own
/// first, then one of the lane's. The lane's queue is bounded in length and in waiting time, so a refusal
/// comes within <see cref="AdmissionOptions.MaxWaitMilliseconds"/>, never after a long wait.
/// </summary>
public sealed class AdmissionLane : IDisposable
{
    private readonly ConcurrencyLimiter _shared;
    private readonly TimeSpan _maxWait;
    private readonly TimeSpan _retryAfter;
    private readonly TimeProvider _clock;

    /// <param name="name">What callers are told is at its limit ("intake").</param>
    /// <param name="configurationKey">Where its limits are configured ("Intake", under "Admission").</param>
    public AdmissionLane(string name, string configurationKey, LaneLimits limits, AdmissionOptions options, TimeProvider clock)
    {
        var key = $"{AdmissionOptions.SectionName}:{configurationKey}";
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.Total, 1, key + ":Total");
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.PerCaller, 1, key + ":PerCaller");
        ArgumentOutOfRangeException.ThrowIfNegative(limits.Queue, key + ":Queue");
        Name = name;
        Limits = limits;
        _shared = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = limits.Total,
            QueueLimit = limits.Queue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _maxWait = TimeSpan.FromMilliseconds(Math.Max(0, options.MaxWaitMilliseconds));
        _retryAfter = TimeSpan.FromSeconds(Math.Max(1, options.RetryAfterSeconds));
        _clock = clock;
    }

    public string Name { get; }

    public LaneLimits Limits { get; }

    /// <summary>A caller's own limiter in this lane (a client's partition, or one hub connection).</summary>
    public CallerLimiter ForCaller() => new(this);

    /// <summary>A slot of the lane's if one is free now, without waiting.</summary>
    internal RateLimitLease TryShared(int permits)
    {
        var lease = _shared.AttemptAcquire(permits);
        return lease.IsAcquired ? lease : Busy(lease);
    }

    internal async ValueTask<RateLimitLease> AcquireSharedAsync(int permits, CancellationToken cancellationToken)
    {
        var lease = _shared.AttemptAcquire(permits);
        if (lease.IsAcquired || Limits.Queue == 0 || _maxWait == TimeSpan.Zero)
        {
            return lease.IsAcquired ? lease : Busy(lease);
        }
        lease.Dispose();
        using var patience = new CancellationTokenSource(_maxWait, _clock);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, patience.Token);
        try
        {
            lease = await _shared.AcquireAsync(permits, waiting.Token);
            return lease.IsAcquired ? lease : Busy(lease);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Refusal($"{Name} is at its limit ({Limits.Total} at once, and the queue did not move within {_maxWait.TotalMilliseconds:0} ms)");
        }
    }

    internal RateLimitLease CallerAtLimit() =>
        Refusal($"you have {Limits.PerCaller} {Name} request(s) in progress, the most one caller may have at once");

    internal RateLimitLease Refusal(string reason) => new Refused(_retryAfter, reason);

    private RateLimitLease Busy(RateLimitLease failed)
    {
        failed.Dispose();
        return Refusal(string.Create(CultureInfo.InvariantCulture, $"{Name} is at its limit ({Limits.Total} at once, {Limits.Queue} waiting)"));
    }

    public void Dispose() => _shared.Dispose();

    private sealed class Refused(TimeSpan retryAfter, string reason) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [MetadataName.RetryAfter.Name, MetadataName.ReasonPhrase.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter
                : metadataName == MetadataName.ReasonPhrase.Name ? reason
                : null;
            return metadata is not null;
        }
    }
}
