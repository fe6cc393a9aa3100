using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dispatch.Browser.Tests.Infrastructure;
using Dispatch.Grains.Storage;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dispatch.Browser.Tests;

/// <summary>
/// In Production, with an OpenID Connect provider configured (a real one: panva's oidc-provider, in node), the sign-in
/// page offers it beside the password: the person signs in at the provider and lands in the app as their Dispatch
/// account, with its role (the console) or its engineer (the engineer app); someone the provider knows but Dispatch
/// does not is sent back to the sign-in page with a message.
/// </summary>
public sealed class ProviderSignInBrowserTests(BrowserAppFixture app, ITestOutputHelper output) : IClassFixture<BrowserAppFixture>
{
    private const string ProviderPassword = "the provider's own password";

    /// <summary>The web host in Production, joined to the fixture's cluster, signing people in through the provider.</summary>
    private sealed class ProductionWebApp(string connectionString, string authority) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseStaticWebAssets();
            builder.UseSetting($"ConnectionStrings:{ClusterSettings.ConnectionStringName}", connectionString);
            builder.UseSetting($"{ClusterSettings.SectionName}:Storage", nameof(StorageMode.PostgreSql));
            builder.UseSetting("Auth:SigningKey", DispatchWebApp.SigningKey);
            builder.UseSetting("Auth:OpenIdConnect:Authority", authority);
            builder.UseSetting("Auth:OpenIdConnect:ClientId", TestOidcProvider.ClientId);
            builder.UseSetting("Auth:OpenIdConnect:ClientSecret", TestOidcProvider.ClientSecret);
            builder.UseSetting("Auth:OpenIdConnect:DisplayName", "Test provider");
            builder.UseSetting("Auth:OpenIdConnect:RequireHttpsMetadata", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }

    private async Task AccountAsync(string userName, string role, string? engineerId = null)
    {
        using var admin = await app.App.ClientAsAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/admin/users", new { userName, role, engineerId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static async Task<IPage> PageAsync(IBrowser browser, string address)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address, Locale = "en-GB" });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// From the sign-in page to the provider's, and its login submitted. The pages are recognised by what they show, not
    /// by waiting for their URL: a redirect by script that lands while such a wait starts was seen to be missed by it.
    /// </summary>
    private static async Task SignInAtProviderAsync(IPage page, string issuer, string app, string login)
    {
        var button = page.GetByTestId("signin-provider");
        await button.WaitForAsync(new() { Timeout = 90_000 });
        Assert.Contains($"/signin.html?app={app}", page.Url, StringComparison.Ordinal);
        Assert.Equal("Sign in with Test provider", (await button.TextContentAsync())?.Trim());
        await button.ClickAsync();
        await page.Locator("#provider-login").WaitForAsync();
        Assert.StartsWith(issuer + "/interaction/", page.Url, StringComparison.Ordinal);
        await page.Locator("#provider-login").FillAsync(login);
        await page.Locator("#provider-password").FillAsync(ProviderPassword);
        await page.Locator("#provider-submit").ClickAsync();
    }

    [Fact]
    public async Task The_provider_signs_people_in_to_the_console_and_the_engineer_app_and_a_stranger_is_refused()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (supervisor, engineer, engineerId) = ("sup-" + tag, "eng-" + tag, "E-" + tag);
        await AccountAsync(supervisor, "supervisor");
        await AccountAsync(engineer, "engineer", engineerId);
        using (var operations = await app.App.ClientAsAsync("dispatcher"))
        {
            (await operations.PutAsync($"/api/engineers/{engineerId}", new StringContent("""
                {"name": "Li Na", "skills": {}, "homeBase": {"lat": 31.198, "lon": 121.4765}, "capacity": 1}
                """, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }

        // The provider must know the callback before the web host knows the provider: the host's port is chosen first.
        var port = FreePorts.Next();
        var address = $"http://127.0.0.1:{port}";
        await using var provider = await TestOidcProvider.StartAsync([address + "/signin-oidc"],
        [
            new("li.sup", ProviderPassword, new Dictionary<string, object> { ["preferred_username"] = supervisor }),
            new("li.eng", ProviderPassword, new Dictionary<string, object> { ["preferred_username"] = engineer }),
            new("stranger", ProviderPassword, new Dictionary<string, object> { ["preferred_username"] = "stranger-" + tag }),
        ]);
        await using var production = new ProductionWebApp(app.Database.ConnectionString, provider.Issuer);
        production.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        production.StartServer();
        using (var warm = new HttpClient { BaseAddress = new Uri(address) })
        {
            (await warm.GetAsync("/api/auth/options")).EnsureSuccessStatusCode();
        }

        // The console without a session goes to the sign-in page, and from there to the provider.
        var page = await PageAsync(app.Browser, address);
        await using (var console = new BrowserPage(page.Context, page, output, "provider-console"))
        {
            await page.GotoAsync("/console.html");
            await SignInAtProviderAsync(page, provider.Issuer, "console", "li.sup");
            await page.Locator("[data-testid=connection][data-state=connected]").WaitForAsync(new() { Timeout = 60_000 });
            Assert.EndsWith("/console.html", page.Url, StringComparison.Ordinal);
            var who = await page.GetByTestId("who").TextContentAsync();
            Assert.Contains(supervisor, who, StringComparison.Ordinal);
            Assert.Contains("supervisor", who, StringComparison.OrdinalIgnoreCase);
            Assert.Empty(console.PageErrors);
        }

        // Someone the provider knows and Dispatch does not: back on the sign-in page, told why, signed in nowhere.
        var strangerPage = await PageAsync(app.Browser, address);
        await using (var stranger = new BrowserPage(strangerPage.Context, strangerPage, output, "provider-stranger"))
        {
            await strangerPage.GotoAsync("/signin.html?app=console");
            await SignInAtProviderAsync(strangerPage, provider.Issuer, "console", "stranger");
            await strangerPage.Locator("[data-testid=signin-error]:not([hidden])").WaitForAsync(new() { Timeout = 60_000 });
            Assert.EndsWith("/signin.html?app=console&refused=unknown", strangerPage.Url, StringComparison.Ordinal);
            Assert.Contains("no Dispatch account", await strangerPage.GetByTestId("signin-error").TextContentAsync(), StringComparison.Ordinal);
            Assert.Equal("null", await strangerPage.EvaluateAsync<string>("() => String(sessionStorage.getItem('dispatch.console.session'))"));
            Assert.Empty(stranger.PageErrors);
        }

        // The engineer app signs in as the account's engineer.
        var phonePage = await PageAsync(app.Browser, address);
        await using var phone = new BrowserPage(phonePage.Context, phonePage, output, "provider-engineer");
        await phonePage.GotoAsync("/engineer.html");
        await SignInAtProviderAsync(phonePage, provider.Issuer, "engineer", "li.eng");
        await phonePage.Locator("[data-testid=connection][data-state=connected]").WaitForAsync(new() { Timeout = 60_000 });
        Assert.EndsWith("/engineer.html", phonePage.Url, StringComparison.Ordinal);
        Assert.EndsWith(engineerId, await phonePage.GetByTestId("engineer-name").TextContentAsync(), StringComparison.Ordinal);
        Assert.Empty(phone.PageErrors);
    }
}
