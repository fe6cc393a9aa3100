using Dispatch.Grains.Live;
using Dispatch.Grains.Mail;
using Dispatch.Grains.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dispatch.Silo.CustomerMail;

public static class CustomerMailServices
{
    /// <summary>Customer e-mails at a ticket's milestones, from the event log; and the notices webhooks carry for gateways.</summary>
    public static IServiceCollection AddCustomerMail(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton<CustomerNotices>();
        services.AddKeyedSingleton(CustomerMailRouter.Follower, (_, _) => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton(sp => new CustomerMailWriter(sp.GetRequiredService<IOptions<ServiceReportOptions>>().Value,
            ServiceDay.ZoneOf(sp.GetRequiredService<IOptions<LiveOptions>>().Value.TimeZone) ?? NodaTime.DateTimeZone.Utc));
        services.AddSingleton(sp => new CustomerMailRouter(sp.GetRequiredKeyedService<NpgsqlDataSource>(CustomerMailRouter.Follower),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IMailSender>()));
        services.AddSingleton(sp => new CustomerMailSender(sp.GetRequiredKeyedService<NpgsqlDataSource>(CustomerMailRouter.Follower),
            sp.GetRequiredService<CustomerNotices>(), sp.GetRequiredService<CustomerMailWriter>(), sp.GetRequiredService<IMailSender>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<CustomerMailSender>>()));
        services.AddHostedService<CustomerMailService>();
        return services;
    }
}
