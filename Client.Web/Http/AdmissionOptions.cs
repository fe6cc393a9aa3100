namespace Dispatch.Web.Http;

/// <summary>
/// How much work of one kind a web node takes at once ("Admission" configuration section, one sub-section per
/// lane). Beyond it a caller is refused at once with 429 and Retry-After: a queue that grows without bound
/// only turns overload into timeouts for everyone.
/// </summary>
public sealed class AdmissionOptions
{
    public const string SectionName = "Admission";

    public LaneLimits Intake { get; set; } = new() { Total = 512, PerCaller = 256, Queue = 256 };

    public LaneLimits FieldActions { get; set; } = new() { Total = 256, PerCaller = 8, Queue = 64 };

    /// <summary>Positions over HTTP and over the engineer hub share these limits.</summary>
    public LaneLimits Positions { get; set; } = new() { Total = 512, PerCaller = 4, Queue = 128 };

    /// <summary>Every other /api request (reads, registrations, configuration).</summary>
    public LaneLimits Api { get; set; } = new() { Total = 256, PerCaller = 32, Queue = 64 };

    /// <summary>Hub invocations other than positions; PerCaller counts per connection, and nothing queues.</summary>
    public LaneLimits HubMessages { get; set; } = new() { Total = 256, PerCaller = 4, Queue = 0 };

    /// <summary>
    /// The longest a request waits in its lane's queue for a slot before it is refused: short enough that a
    /// refusal arrives within 100 ms, long enough to ride out a burst that clears by itself.
    /// </summary>
    public int MaxWaitMilliseconds { get; set; } = 50;

    /// <summary>What a refused caller is told to wait before retrying.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Kestrel: the slowest request body accepted, after a grace period (Kestrel's defaults: 240 bytes/s, 5 s).</summary>
    public double MinBodyBytesPerSecond { get; set; } = 240;

    public int MinBodyGraceSeconds { get; set; } = 5;

    /// <summary>Kestrel: the time allowed to send the request headers (Kestrel's default is 30 s).</summary>
    public int RequestHeadersTimeoutSeconds { get; set; } = 10;
}

/// <summary>One lane: at most Total running across callers and PerCaller for one caller; Queue may wait briefly for a slot.</summary>
public sealed class LaneLimits
{
    public int Total { get; set; }

    public int PerCaller { get; set; }

    public int Queue { get; set; }
}
