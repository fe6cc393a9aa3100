using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dispatch.Silo.Webhooks;

public static class WebhookServices
{
    /// <summary>The clock of retries and dead-lettering; tests replace it with a fake one, grains keep theirs.</summary>
    public const string ClockKey = "Webhooks";

    private const string LockSourceKey = "Webhooks.Locks";

    /// <summary>Webhooks: the router from the event log to the outbox, and the per-subscription deliverers.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var options = configuration.GetSection(WebhookOptions.SectionName).Get<WebhookOptions>() ?? new WebhookOptions();
        services.AddSingleton(options);
        services.AddSingleton<WebhookSignal>();
        services.AddKeyedSingleton(WebhookRouter.Follower, (_, _) => NpgsqlDataSource.Create(connectionString));
        services.AddKeyedSingleton(LockSourceKey, (_, _) =>
            NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString));
        services.AddSingleton(sp => new WebhookRouter(sp.GetRequiredKeyedService<NpgsqlDataSource>(WebhookRouter.Follower), Clock(sp),
            sp.GetRequiredService<WebhookSignal>(), sp.GetService<CustomerMail.CustomerNotices>(), options, sp.GetRequiredService<ILogger<WebhookRouter>>()));
        services.AddHostedService(sp => new WebhookRouterService(sp.GetRequiredService<WebhookRouter>(),
            sp.GetRequiredService<ILogger<WebhookRouterService>>()));
        services.AddHostedService(sp => new WebhookDeliveryService(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(WebhookRouter.Follower),
            sp.GetRequiredKeyedService<NpgsqlDataSource>(LockSourceKey),
            // Redirects are not followed: a receiver answers 2xx itself, or the attempt failed.
            new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            },
            options, Clock(sp), sp.GetRequiredService<WebhookSignal>(), sp.GetRequiredService<ILoggerFactory>()));
        return services;
    }

    private static TimeProvider Clock(IServiceProvider services) =>
        services.GetKeyedService<TimeProvider>(ClockKey) ?? services.GetRequiredService<TimeProvider>();
}
