using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dispatch.Web.CustomerLinks;

public static class CustomerLinkSetup
{
    /// <summary>
    /// The clock links and ETAs are judged by: the node's own, unless replaced (tests put it on the silo's fake clock,
    /// which judges when a ticket closed, without moving the clock that checks bearer tokens).
    /// </summary>
    public const string ClockKey = "customer-links";

    /// <summary>Customer status links: signing, the public view, and the per-address limit.</summary>
    public static WebApplicationBuilder AddCustomerLinks(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<CustomerLinkOptions>(builder.Configuration.GetSection(CustomerLinkOptions.SectionName));
        builder.Services.TryAddKeyedSingleton<TimeProvider>(ClockKey, (services, _) => services.GetRequiredService<TimeProvider>());
        builder.Services.AddSingleton<StatusLinks>();
        builder.Services.AddSingleton<CustomerLinkLimiter>();
        builder.Services.AddSingleton<CustomerTickets>();
        builder.Services.AddSingleton<CustomerViews>();
        return builder;
    }
}
