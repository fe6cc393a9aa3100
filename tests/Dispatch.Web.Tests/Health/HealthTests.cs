using System.Net;
using System.Text.Json;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;

namespace Dispatch.Web.Tests.Health;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_is_200_with_everything_up_and_503_naming_the_database_when_it_is_down()
    {
        // A fixture of the test's own: this test stops the database, which no other test may see.
        var cluster = new WebClusterFixture();
        await cluster.InitializeAsync();
        try
        {
            await HealthFollowsTheDatabase(cluster);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    private static async Task HealthFollowsTheDatabase(WebClusterFixture cluster)
    {
        using var client = cluster.App.CreateClient();

        var up = await client.GetAsync("/health");
        var upBody = JsonDocument.Parse(await up.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Equal("up", upBody.GetProperty("checks").GetProperty("cluster").GetProperty("status").GetString());
        Assert.Equal("up", upBody.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());

        await cluster.Database.StopServerAsync();
        try
        {
            var down = await client.GetAsync("/health");
            var downBody = JsonDocument.Parse(await down.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal("down", downBody.GetProperty("status").GetString());
            Assert.Equal("down", downBody.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        }
        finally
        {
            await cluster.Database.StartServerAsync();
        }

        await Eventually.Until(() => client.GetAsync("/health"), r => r.StatusCode == HttpStatusCode.OK, what: "health to recover");
    }
}
