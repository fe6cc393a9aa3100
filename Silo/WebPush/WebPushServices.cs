using Dispatch.Grains.Live;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dispatch.Silo.WebPush;

public static class WebPushServices
{
    /// <summary>Web Push of new offers to the engineers' phones, when VAPID keys are configured (section "WebPush").</summary>
    public static IServiceCollection AddWebPush(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var options = configuration.GetSection(WebPushOptions.SectionName).Get<WebPushOptions>() ?? new WebPushOptions();
        if (!options.Enabled)
        {
            return services;
        }
        services.AddSingleton(options);
        services.AddSingleton(_ => new PushSubscriptionRows(NpgsqlDataSource.Create(connectionString)));
        services.AddSingleton(sp =>
        {
            // The key pair is checked here, at start: a wrong key stops the silo rather than every push.
            var vapid = new VapidAuthentication(options.PublicKey!, options.PrivateKey!) { Subject = options.Subject };
            var client = new PushServiceClient(new HttpClient(new VapidAudienceHandler(vapid)) { Timeout = TimeSpan.FromSeconds(10) });
            return new OfferPushSender(options, vapid, sp.GetRequiredService<PushSubscriptionRows>(), client, sp.GetRequiredService<ILogger<OfferPushSender>>());
        });
        services.AddSingleton<IOfferPushNotifier>(sp => sp.GetRequiredService<OfferPushSender>());
        services.AddHostedService(sp => sp.GetRequiredService<OfferPushSender>());
        return services;
    }
}
