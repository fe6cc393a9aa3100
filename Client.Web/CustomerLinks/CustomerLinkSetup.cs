namespace Dispatch.Web.CustomerLinks;

public static class CustomerLinkSetup
{
    /// <summary>Customer status links: signing, the public view, and the per-address limit.</summary>
    public static WebApplicationBuilder AddCustomerLinks(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<CustomerLinkOptions>(builder.Configuration.GetSection(CustomerLinkOptions.SectionName));
        builder.Services.AddSingleton<StatusLinks>();
        builder.Services.AddSingleton<CustomerLinkLimiter>();
        builder.Services.AddSingleton<CustomerTickets>();
        builder.Services.AddSingleton<CustomerViews>();
        return builder;
    }
}
