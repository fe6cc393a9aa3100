using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Grains.Mail;

public static class MailServices
{
    /// <summary>The mail sender and its options (section "Mail"), checked at start.</summary>
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>()
            .Bind(configuration.GetSection(MailOptions.SectionName))
            .Validate(o => o.Port is > 0 and < 65536, $"{MailOptions.SectionName}:Port must be a TCP port")
            .Validate(o => Enum.TryParse<SecureSocketOptions>(o.Security, ignoreCase: true, out _), $"{MailOptions.SectionName}:Security must be Auto, None, StartTls, StartTlsWhenAvailable or SslOnConnect")
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), $"{MailOptions.SectionName}:From must be an e-mail address")
            .Validate(o => o.Timeout > TimeSpan.Zero, $"{MailOptions.SectionName}:Timeout must be positive")
            .ValidateOnStart();
        services.AddSingleton<IMailSender, SmtpMailSender>();
        return services;
    }
}
