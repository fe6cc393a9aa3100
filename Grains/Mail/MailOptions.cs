namespace Dispatch.Grains.Mail;

/// <summary>Where e-mail goes out (section "Mail"). Without a host, nothing is sent and each message is logged as skipped.</summary>
public sealed class MailOptions
{
    public const string SectionName = "Mail";

    /// <summary>The SMTP server; empty: e-mail is off.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>The sender, e.g. "Dispatch &lt;dispatch@example.com&gt;".</summary>
    public string From { get; set; } = "dispatch@localhost";

    /// <summary>STARTTLS when the server offers it (Auto), always (StartTls), TLS from the start (SslOnConnect) or never (None).</summary>
    public string Security { get; set; } = "Auto";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>A send that takes longer is abandoned (and logged): an unreachable server must not hold its caller.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
