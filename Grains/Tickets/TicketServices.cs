using Dispatch.Grains.Sla;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Grains.Tickets;

public static class TicketServices
{
    /// <summary>What ticket grains need in the silo: their options, and the SLA book from configuration.</summary>
    public static IServiceCollection AddTicketServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TicketOptions>().Bind(configuration.GetSection(TicketOptions.SectionName));
        services.AddOptions<SlaBookOptions>().Configure(o => o.Book = configuration.GetSection(SlaBookOptions.SectionName).Get<SlaBookDocument>() ?? new SlaBookDocument());
        services.AddSingleton<SlaBookCache>();
        return services;
    }
}
