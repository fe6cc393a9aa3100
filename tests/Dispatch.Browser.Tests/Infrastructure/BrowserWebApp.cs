using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dispatch.Grains.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dispatch.Browser.Tests.Infrastructure;

/// <summary>The real web host (Program, with its wwwroot), in Development, joined to a real silo.</summary>
public sealed class BrowserWebApp(string connectionString, IDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public const string SigningKey = "browser-test-signing-key-long-enough-for-hmac-sha256";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting($"ConnectionStrings:{ClusterSettings.ConnectionStringName}", connectionString);
        builder.UseSetting($"{ClusterSettings.SectionName}:Storage", nameof(StorageMode.PostgreSql));
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client carrying a development token for the role.</summary>
    public async Task<HttpClient> ClientAsAsync(string role, string? engineerId = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(role, engineerId));
        return client;
    }

    public async Task<string> TokenAsync(string role, string? engineerId = null)
    {
        using var anonymous = CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/dev/token", new { role, engineerId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenBody>())!.Token;
    }

    private sealed record TokenBody(string Token);
}
