namespace Dispatch.Grains.Mail;

/// <summary>Sends one plain-text e-mail. Any feature may use it; <see cref="SmtpMailSender"/> is the one way out.</summary>
public interface IMailSender
{
    /// <summary>Whether a server is configured; when not, <see cref="SendAsync"/> does nothing.</summary>
    bool Enabled { get; }

    Task SendAsync(MailMessage message, CancellationToken cancellationToken = default);
}

/// <summary>One message to one address.</summary>
public sealed record MailMessage(string To, string Subject, string Body);
