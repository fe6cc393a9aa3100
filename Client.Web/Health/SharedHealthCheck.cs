using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dispatch.Web.Health;

/// <summary>
/// One check at a time, whoever asks: /health is not rate-limited, so under a flood of probes every caller
/// shares the check in flight (and, for <paramref name="freshness"/>, its answer) instead of each sending
/// its own query to a cluster that is busy enough already.
/// </summary>
internal sealed class SharedHealthCheck<T>(T inner, TimeProvider clock, TimeSpan freshness) : IHealthCheck
    where T : IHealthCheck
{
    private readonly Lock _gate = new();
    private Task<HealthCheckResult>? _current;
    private DateTimeOffset _startedAt;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_current is null || (_current.IsCompleted && now - _startedAt >= freshness))
            {
                _startedAt = now;
                // Not the caller's token: one caller giving up must not fail the others' check (each check has its own patience).
                _current = inner.CheckHealthAsync(context, CancellationToken.None);
            }
            return _current.WaitAsync(cancellationToken);
        }
    }
}
