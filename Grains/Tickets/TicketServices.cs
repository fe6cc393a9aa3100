using Dispatch.Grains.Sla;
using Dispatch.Grains.Devices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Grains.Tickets;

public static class TicketServices
{
    /// <summary>What ticket grains need in the silo: their options, and the SLA book from configuration.</summary>
    public static IServiceCollection AddTicketServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TicketOptions>().Bind(configuration.GetSection(TicketOptions.SectionName));
        services.AddOptions<ServiceReportOptions>().Bind(configuration.GetSection(ServiceReportOptions.SectionName));
        services.AddOptions<DeviceTimeOptions>().Bind(configuration.GetSection(DeviceTimeOptions.SectionName));
        services.AddOptions<SlaBookOptions>().Configure(o =>
        {
            var section = configuration.GetSection(SlaBookOptions.SectionName);
            o.Book = section.Get<SlaBookDocument>() ?? new SlaBookDocument();
            o.CacheFreshness = section.GetValue(nameof(SlaBookOptions.CacheFreshness), o.CacheFreshness);
        });
        services.AddSingleton<SlaBookCache>();
        return services;
    }
}
