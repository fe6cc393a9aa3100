using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dispatch.Web.Tests.Auth;

public sealed class AuthorizationTests(WebClusterFixture cluster) : IClassFixture<WebClusterFixture>
{
    [Fact]
    public async Task No_token_is_401()
    {
        using var client = cluster.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/cluster")).StatusCode);
    }

    [Fact]
    public async Task The_wrong_role_is_403_and_the_right_one_200()
    {
        using var engineer = await cluster.App.ClientAsAsync("engineer", "eng-7");
        using var intake = await cluster.App.ClientAsAsync("intake");
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");

        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync("/api/cluster")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await intake.GetAsync("/api/cluster")).StatusCode);
        var response = await dispatcher.GetAsync("/api/cluster");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var silos = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(silos.EnumerateArray(), s => s.GetProperty("status").GetString() == "Active");
    }

    [Fact]
    public async Task An_engineer_token_carries_the_engineer_id()
    {
        using var engineer = await cluster.App.ClientAsAsync("engineer", "eng-42");
        var me = await engineer.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal("eng-42", me.GetProperty("engineerId").GetString());
        Assert.Equal("engineer", Assert.Single(me.GetProperty("roles").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "dispatch",
            Audience = "dispatch",
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "mallory", ["role"] = "admin" },
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes("some-other-key-of-a-sufficient-length-for-hs256")),
                SecurityAlgorithms.HmacSha256),
        });
        using var client = cluster.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_dev_token_request_with_an_unknown_role_names_the_field()
    {
        using var client = cluster.App.CreateClient();
        var response = await client.PostAsJsonAsync("/api/dev/token", new { role = "janitor" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _));
    }

    [Fact]
    public async Task An_engineer_dev_token_needs_an_engineer_id()
    {
        using var client = cluster.App.CreateClient();
        var response = await client.PostAsJsonAsync("/api/dev/token", new { role = "engineer" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("engineerId", out _));
    }

    [Fact]
    public async Task An_unknown_field_in_a_request_body_is_a_400_naming_it()
    {
        using var client = cluster.App.CreateClient();
        var response = await client.PostAsync("/api/dev/token",
            new StringContent("""{"role":"dispatcher","superuser":true}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("superuser", out _), problem.ToString());
    }

    [Fact]
    public async Task Hubs_need_a_token_and_the_right_role()
    {
        using var anonymous = cluster.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/hubs/dispatch/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/hubs/engineer/negotiate?negotiateVersion=1", null)).StatusCode);

        using var engineer = await cluster.App.ClientAsAsync("engineer", "eng-1");
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsync("/hubs/dispatch/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.PostAsync("/hubs/engineer/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dispatcher.PostAsync("/hubs/dispatch/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await engineer.PostAsync("/hubs/engineer/negotiate?negotiateVersion=1", null)).StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_is_served()
    {
        using var client = cluster.App.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/cluster", out _));
    }
}
