using System.Net;
using System.Net.Http.Json;
using Dispatch.Web.Tests.Infrastructure;

namespace Dispatch.Web.Tests.Auth;

public sealed class ProductionEnvironmentTests(WebClusterFixture cluster) : IClassFixture<WebClusterFixture>
{
    [Fact]
    public async Task The_dev_token_endpoint_does_not_exist_outside_development()
    {
        await using var production = new DispatchWebApp(cluster.Database.ConnectionString, environment: "Production");
        using var client = production.CreateClient();
        var response = await client.PostAsJsonAsync("/api/dev/token", new { role = "admin" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/no/such/page")).StatusCode);
    }
}
