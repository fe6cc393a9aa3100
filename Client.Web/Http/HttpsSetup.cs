namespace Dispatch.Web.Http;

/// <summary>
/// HTTPS the ASP.NET Core way: Kestrel reads its endpoints and certificate from configuration
/// (<c>Kestrel:Endpoints:Https:Url</c>, <c>Kestrel:Certificates:Default:Path</c> and <c>:Password</c>, or
/// <c>--urls https://...</c>). When an HTTPS endpoint is configured, outside Development, browsers are told to come
/// back only over HTTPS (HSTS, a year) and plain HTTP requests are redirected to it.
/// </summary>
public static class HttpsSetup
{
    public static WebApplicationBuilder AddDispatchHttps(this WebApplicationBuilder builder)
    {
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    public static WebApplication UseDispatchHttps(this WebApplication app)
    {
        if (IsConfigured(app.Configuration) && !app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        return app;
    }

    public static bool IsConfigured(IConfiguration configuration) =>
        Https(configuration["urls"]) || !string.IsNullOrEmpty(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any(endpoint => Https(endpoint["Url"]));

    private static bool Https(string? urls) => urls?.Contains("https://", StringComparison.OrdinalIgnoreCase) == true;
}
