namespace Dispatch.Silo.Webhooks;

/// <summary>How webhooks are delivered (configuration section "Webhooks").</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>How long a receiver may take to answer before the attempt counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests in flight at once per subscription (each to a different ticket: one ticket's messages go one by one).</summary>
    public int MaxConcurrency { get; set; } = 32;

    /// <summary>
    /// At most this many tickets' messages are taken in one pass (queries, sends, records): the passes' queries and
    /// records are paid per pass, not per message, and a pass waits for its slowest send.
    /// </summary>
    public int TicketsPerPass { get; set; } = 512;

    /// <summary>
    /// At most this many of one ticket's pending messages are sent in one pass, one after another (the next only after the
    /// previous was answered 2xx), so messages routed together need not wait a pass each.
    /// </summary>
    public int MessagesPerTicket { get; set; } = 16;

    /// <summary>The first retry's delay; each further retry doubles it, up to <see cref="MaxBackoff"/>, with jitter.</summary>
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a message is retried after its first attempt before it goes to the dead-letter list.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long the router waits for the grains to tell a customer milestone's notice (engineer's first name, ETA) before
    /// the message carries the status link only (a warning says how many did). A routed batch waits for its slowest
    /// notice, so when the silo is overloaded every webhook waits up to this long behind them: lower it where timeliness
    /// matters more than the engineer's name and ETA.
    /// </summary>
    public TimeSpan NoticeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often an idle deliverer looks for due messages that no signal announced (another silo routed them, a retry fell due).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
