using System.Net;
using System.Net.Http.Headers;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Telemetry;

/// <summary>GET /metrics: Prometheus text with Dispatch's and ASP.NET Core's meters; anonymous only from this machine.</summary>
public sealed class MetricsTests(WebClusterFixture cluster) : IClassFixture<WebClusterFixture>
{
    [Fact]
    public async Task After_an_intake_metrics_from_loopback_show_intakes_by_outcome_and_http_server_meters_without_a_token()
    {
        await using var app = new DispatchWebApp(cluster.Database.ConnectionString);
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var admin = new HttpClient { BaseAddress = address };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync("admin"));
        var customer = "cust-" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PutAsync($"/api/customers/{customer}", Json("""{"name": "Acme", "tier": "standard", "sites": []}"""))).EnsureSuccessStatusCode();
        var created = await admin.PostAsync("/api/tickets", Json($$"""
            {"customerId": "{{customer}}", "title": "Metrics", "serviceType": "repair", "priority": "P3",
             "location": {"lat": 31.198, "lon": 121.4765}, "requiredSkills": ["hvac"], "channel": "api"}
            """));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var refused = await admin.PostAsync("/api/tickets", Json("""{"title": ""}"""));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        using var anonymous = new HttpClient { BaseAddress = address };
        var text = await Eventually.Until(() => anonymous.GetStringAsync("/metrics"),
            t => t.Contains("dispatch_intakes_total{", StringComparison.Ordinal) && t.Contains("outcome=\"refused\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the intake counters");

        Assert.Matches("""dispatch_intakes_total\{[^}]*outcome="created"[^}]*\} [1-9]""", text);
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("kestrel_", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_from_elsewhere_need_an_admin_token()
    {
        // The in-memory test server has no remote address: to the endpoint that is a caller from elsewhere.
        using var anonymous = cluster.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.GetAsync("/metrics")).StatusCode);
        using var admin = await cluster.App.ClientAsAsync("admin");
        var scraped = await admin.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Equal("text/plain", scraped.Content.Headers.ContentType?.MediaType);
    }
}
