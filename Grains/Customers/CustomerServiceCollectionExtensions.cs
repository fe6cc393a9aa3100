using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dispatch.Grains.Customers;

/// <summary>What the silo registers so that customer grains can run.</summary>
public static class CustomerServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="CustomerHealthOptions"/> to "Customers" (validated at start) and makes sure a clock
    /// exists. The event journal (<see cref="Events.IEventJournal"/>) is the silo's own registration.
    /// Calling it twice is harmless.
    /// </summary>
    public static IServiceCollection AddCustomerServices(this IServiceCollection services)
    {
        services.AddOptions<CustomerHealthOptions>()
            .BindConfiguration(CustomerHealthOptions.SectionName)
            .Validate(o => o.HealthAlertThreshold is >= 0 and <= 100, "Customers:HealthAlertThreshold must be between 0 and 100")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
