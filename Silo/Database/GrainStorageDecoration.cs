using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Dispatch.Silo.Database;

/// <summary>Wraps the grain storage registered under a name in another that delegates to it.</summary>
internal static class GrainStorageDecoration
{
    public static void Wrap(IServiceCollection services, string name, Func<IServiceProvider, IGrainStorage, IGrainStorage> wrap)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, name));
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, key) =>
            wrap(provider, (IGrainStorage)registered.KeyedImplementationFactory!(provider, key)));
    }
}
