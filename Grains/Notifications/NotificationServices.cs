using Dispatch.Grains.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Grains.Notifications;

public static class NotificationServices
{
    /// <summary>Rotas, alert chains and inboxes need their options and the mail sender.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>()
            .Bind(configuration.GetSection(NotificationOptions.SectionName))
            .Validate(o => o.AcknowledgeWithin >= TimeSpan.FromSeconds(1), $"{NotificationOptions.SectionName}:AcknowledgeWithin must be at least a second")
            .Validate(o => Uri.TryCreate(o.ConsoleUrl, UriKind.Absolute, out _), $"{NotificationOptions.SectionName}:ConsoleUrl must be an absolute URL")
            .ValidateOnStart();
        services.AddMail(configuration);
        return services;
    }
}
