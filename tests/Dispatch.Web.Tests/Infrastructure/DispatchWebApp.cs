using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dispatch.Grains.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dispatch.Web.Tests.Infrastructure;

/// <summary>The real web host (Program), joined as a client to a real silo on a private PostgreSQL.</summary>
public sealed class DispatchWebApp(string connectionString, string environment = "Development", IDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string SigningKey = "test-signing-key-that-is-long-enough-for-hmac-sha256";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting($"ConnectionStrings:{ClusterSettings.ConnectionStringName}", connectionString);
        builder.UseSetting($"{ClusterSettings.SectionName}:Storage", nameof(StorageMode.PostgreSql));
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>
    /// Stops the host. The Orleans client's own stop can race with its disposal and throw on a cancellation source it
    /// already disposed (`GatewayManager.StopAsync`; the same race is logged as "Error stopping cluster manifest
    /// provider" on most stops): at the end of a fixture, after every test of it has run, that is no test's failure.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        catch (ObjectDisposedException ex) when (ex.ObjectName == typeof(CancellationTokenSource).FullName)
        {
        }
    }

    /// <summary>A client carrying a development token for the role (Development environment only).</summary>
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
        var body = await response.Content.ReadFromJsonAsync<TokenBody>();
        return body!.Token;
    }

    private sealed record TokenBody(string Token);
}
