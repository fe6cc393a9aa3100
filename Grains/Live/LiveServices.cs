using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dispatch.Grains.Live;

public static class LiveServices
{
    /// <summary>What the live board needs in the silo: its options (checked at start), the service's day, and the silo's feed and relay.</summary>
    public static IServiceCollection AddLiveServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<IOfferPushNotifier, NoOfferPush>();
        services.AddOptions<LiveOptions>()
            .Bind(configuration.GetSection(LiveOptions.SectionName))
            .Validate(o => ServiceDay.ZoneOf(o.TimeZone) is not null, $"{LiveOptions.SectionName}:TimeZone must be an IANA time zone id, e.g. Asia/Shanghai or UTC")
            .Validate(o => o.MarkerSaveEvery > TimeSpan.Zero, $"{LiveOptions.SectionName}:MarkerSaveEvery must be positive")
            .ValidateOnStart();
        services.AddSingleton<ServiceDay>();
        services.AddSingleton<BoardFeed>();
        services.AddSingleton<LiveRelay>();
        return services;
    }
}
