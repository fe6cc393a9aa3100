using System.Threading.RateLimiting;

namespace Dispatch.Web.Http;

/// <summary>
/// One caller's share of a lane: a few slots of its own (never queued, so a flooding caller is refused at
/// once instead of filling the lane's queue), then a slot of the lane's. Disposing it frees only its own.
/// </summary>
public sealed class CallerLimiter : RateLimiter
{
    private readonly AdmissionLane _lane;
    private readonly ConcurrencyLimiter _own;

    internal CallerLimiter(AdmissionLane lane)
    {
        _lane = lane;
        _own = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = lane.Limits.PerCaller, QueueLimit = 0 });
    }

    public override TimeSpan? IdleDuration => _own.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => _own.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        // Synchronous callers do not wait: the lane's queue is for AcquireAsync only.
        var own = _own.AttemptAcquire(permitCount);
        if (!own.IsAcquired)
        {
            own.Dispose();
            return _lane.CallerAtLimit();
        }
        return Combine(own, _lane.TryShared(permitCount));
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var own = _own.AttemptAcquire(permitCount);
        if (!own.IsAcquired)
        {
            own.Dispose();
            return _lane.CallerAtLimit();
        }
        try
        {
            return Combine(own, await _lane.AcquireSharedAsync(permitCount, cancellationToken));
        }
        catch
        {
            own.Dispose();
            throw;
        }
    }

    private static RateLimitLease Combine(RateLimitLease own, RateLimitLease shared)
    {
        if (shared.IsAcquired)
        {
            return new Admitted(own, shared);
        }
        own.Dispose();
        return shared;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _own.Dispose();
        }
        base.Dispose(disposing);
    }

    private sealed class Admitted(RateLimitLease own, RateLimitLease shared) : RateLimitLease
    {
        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                shared.Dispose();
                own.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
