namespace Dispatch.Silo.Webhooks;

/// <summary>Exponential backoff with jitter: retries of many failed messages spread out instead of arriving together.</summary>
public static class RetrySchedule
{
    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1 = the first): half fixed, half random.</summary>
    public static TimeSpan After(int attempt, WebhookOptions options, Random random)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var full = Math.Min(options.MaxBackoff.TotalMilliseconds, options.FirstRetry.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(full / 2 + random.NextDouble() * full / 2);
    }
}
