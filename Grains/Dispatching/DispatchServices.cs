using Dispatch.Domain.Dispatching;
using Dispatch.Grains.Devices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Grains.Dispatching;

public static class DispatchServices
{
    /// <summary>What engineers and region dispatchers need in the silo: options, the regions, the roster feed, travel times.</summary>
    public static IServiceCollection AddDispatchServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DispatchOptions>().Bind(configuration.GetSection(DispatchOptions.SectionName));
        services.AddOptions<DeviceTimeOptions>().Bind(configuration.GetSection(DeviceTimeOptions.SectionName));
        services.AddSingleton<RegionCatalog>();
        services.AddSingleton<RosterFeed>();
        services.AddSingleton<ITravelTimeEstimator, StraightLineTravel>();
        return services;
    }
}
