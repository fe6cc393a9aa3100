using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dispatch.Browser.Tests.Infrastructure;
using Dispatch.Grains.Storage;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dispatch.Browser.Tests;

/// <summary>
/// In Production (no development tokens) the console and the engineer app send people to the sign-in page: a
/// password signs them in, a wrong one is refused, and the engineer app runs as the account's engineer.
/// </summary>
public sealed class PasswordSignInTests(BrowserAppFixture app, ITestOutputHelper output) : IClassFixture<BrowserAppFixture>
{
    private const string Password = "correct horse battery staple";

    /// <summary>The web host in Production, joined to the fixture's cluster, on a real port.</summary>
    private sealed class ProductionWebApp(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            // The build's wwwroot (not a publish folder): what Development reads, read here too.
            builder.UseStaticWebAssets();
            builder.UseSetting($"ConnectionStrings:{ClusterSettings.ConnectionStringName}", connectionString);
            builder.UseSetting($"{ClusterSettings.SectionName}:Storage", nameof(StorageMode.PostgreSql));
            builder.UseSetting("Auth:SigningKey", DispatchWebApp.SigningKey);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }

    /// <summary>An account (made by an admin over the API) whose one-time password was already changed to <see cref="Password"/>.</summary>
    private async Task AccountAsync(string userName, string role, string? engineerId = null)
    {
        using var admin = await app.App.ClientAsAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/admin/users", new { userName, role, engineerId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var oneTime = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("oneTimePassword").GetString();
        using var anonymous = app.App.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/auth/password", new { userName, password = oneTime, newPassword = Password })).EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Starts the Production host on a real port and answers its address. A cold host answers its first requests slowly
    /// while the rest of the suite runs beside it: the page is opened once the host answers, and the redirect it makes
    /// is given the time a busy machine needs.
    /// </summary>
    private static async Task<string> StartAsync(ProductionWebApp production)
    {
        production.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        production.StartServer();
        var address = production.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var warm = new HttpClient { BaseAddress = new Uri(address) };
        (await warm.GetAsync("/api/auth/options")).EnsureSuccessStatusCode();
        return address;
    }

    private static async Task<IPage> PageAsync(IBrowser browser, string address)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address, Locale = "en-GB" });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    [Fact]
    public async Task The_sign_in_button_stays_off_until_the_pages_script_runs_so_a_press_cannot_put_the_password_in_the_address()
    {
        var page = await PageAsync(app.Browser, app.BaseAddress.ToString());
        await using var signIn = new BrowserPage(page.Context, page, output, "signin-before-script");
        await page.RouteAsync("**/js/signin/**", route => route.AbortAsync());
        await page.GotoAsync("/signin.html?app=console");
        Assert.True(await page.GetByTestId("signin-submit").IsDisabledAsync());

        await page.UnrouteAsync("**/js/signin/**");
        await page.ReloadAsync();
        await page.Locator("[data-testid=signin-submit]:not([disabled])").WaitForAsync();
    }

    [Fact]
    public async Task A_password_signs_in_to_the_console_and_the_engineer_app_and_a_wrong_one_is_refused()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (dispatcher, engineer, engineerId) = ("disp-" + tag, "eng-" + tag, "E-" + tag);
        await AccountAsync(dispatcher, "dispatcher");
        await AccountAsync(engineer, "engineer", engineerId);
        using (var operations = await app.App.ClientAsAsync("dispatcher"))
        {
            (await operations.PutAsync($"/api/engineers/{engineerId}", new StringContent("""
                {"name": "Li Na", "skills": {}, "homeBase": {"lat": 31.198, "lon": 121.4765}, "capacity": 1}
                """, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }

        await using var production = new ProductionWebApp(app.Database.ConnectionString);
        var address = await StartAsync(production);

        // The console without a session goes to the sign-in page.
        var page = await PageAsync(app.Browser, address);
        await using (var console = new BrowserPage(page.Context, page, output, "signin-console"))
        {
            await page.GotoAsync("/console.html");
            // The console sends a signed-out tab on with location.replace while its own page may still be loading, which
            // Playwright's navigation wait can miss: wait for the sign-in form, then read where it is.
            await page.GetByTestId("signin-user").WaitForAsync(new() { Timeout = 90_000 });
            Assert.Contains("signin.html?app=console", await page.EvaluateAsync<string>("() => location.href"));

            await page.GetByTestId("signin-user").FillAsync(dispatcher);
            await page.GetByTestId("signin-password").FillAsync("not my password at all");
            await page.GetByTestId("signin-submit").ClickAsync();
            await page.Locator("[data-testid=signin-error]:not([hidden])").WaitForAsync();
            Assert.Contains("wrong user name or password", await page.GetByTestId("signin-error").TextContentAsync());

            await page.GetByTestId("signin-password").FillAsync(Password);
            await page.GetByTestId("signin-submit").ClickAsync();
            await page.Locator("[data-testid=connection][data-state=connected]").WaitForAsync();
            Assert.EndsWith("/console.html", await page.EvaluateAsync<string>("() => location.href"), StringComparison.Ordinal);
            Assert.Contains(dispatcher, await page.GetByTestId("who").TextContentAsync());
            Assert.Empty(console.PageErrors);
        }

        // The engineer app signs in as the account's engineer.
        var phonePage = await PageAsync(app.Browser, address);
        await using var phone = new BrowserPage(phonePage.Context, phonePage, output, "signin-engineer");
        await phonePage.GotoAsync("/engineer.html");
        await phonePage.GetByTestId("signin-user").WaitForAsync(new() { Timeout = 90_000 });
        Assert.Contains("signin.html?app=engineer", await phonePage.EvaluateAsync<string>("() => location.href"));
        await phonePage.GetByTestId("signin-user").FillAsync(engineer);
        await phonePage.GetByTestId("signin-password").FillAsync(Password);
        await phonePage.GetByTestId("signin-submit").ClickAsync();
        await phonePage.Locator("[data-testid=connection][data-state=connected]").WaitForAsync();
        Assert.EndsWith("/engineer.html", await phonePage.EvaluateAsync<string>("() => location.href"), StringComparison.Ordinal);
        // The app names the engineer it signed in as ("Li Na · E-1": the field app shows the name with the id).
        Assert.EndsWith(engineerId, await phonePage.GetByTestId("engineer-name").TextContentAsync(), StringComparison.Ordinal);
        Assert.Empty(phone.PageErrors);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_on_the_sign_in_page_lock_the_account_and_then_the_right_one_is_refused_too()
    {
        var person = "lock-" + Guid.NewGuid().ToString("N")[..8];
        await AccountAsync(person, "supervisor");
        await using var production = new ProductionWebApp(app.Database.ConnectionString);
        var address = await StartAsync(production);
        var page = await PageAsync(app.Browser, address);
        await using var signIn = new BrowserPage(page.Context, page, output, "signin-lockout");
        await page.GotoAsync("/signin.html?app=console");
        await page.GetByTestId("signin-user").FillAsync(person);

        // Five failures in a row (Accounts:MaxFailedAttempts): the fifth locks the account.
        var answers = new List<string>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            answers.Add(await SubmitAsync(page, "not my password " + attempt));
        }
        Assert.All(answers[..4], answer => Assert.Contains("wrong user name or password", answer, StringComparison.Ordinal));
        Assert.Contains("too many failed sign-ins", answers[4], StringComparison.Ordinal);

        // Locked: the right password is refused as well, and the page stays on the sign-in form.
        Assert.Contains("too many failed sign-ins", await SubmitAsync(page, Password), StringComparison.Ordinal);
        Assert.EndsWith("/signin.html?app=console", page.Url, StringComparison.Ordinal);
        Assert.Empty(signIn.PageErrors);
    }

    [Fact]
    public async Task An_admin_signs_in_and_creates_imports_and_disables_users_and_makes_and_revokes_an_api_key_on_the_admin_page()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (admin, supervisor, engineer, director) = ("adm-" + tag, "sup-" + tag, "eng-" + tag, "dir-" + tag);
        await AccountAsync(admin, "admin");
        await using var production = new ProductionWebApp(app.Database.ConnectionString);
        var address = await StartAsync(production);
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var page = await PageAsync(app.Browser, address);
        await using var adminPage = new BrowserPage(page.Context, page, output, "admin-page");

        await page.GotoAsync("/admin.html");
        await page.GetByTestId("signin-user").WaitForAsync(new() { Timeout = 90_000 });
        Assert.Contains("signin.html?app=admin", await page.EvaluateAsync<string>("() => location.href"));
        await page.GetByTestId("signin-user").FillAsync(admin);
        await page.GetByTestId("signin-password").FillAsync(Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await page.Locator($"tr[data-user='{admin}']").WaitForAsync();

        // Create: the one-time password is shown once, and it is the account's (its first sign-in must change it).
        var create = page.GetByTestId("create-form");
        await create.Locator("input[name=userName]").FillAsync(supervisor);
        await create.Locator("select[name=role]").SelectOptionAsync("supervisor");
        await create.Locator("input[name=regions]").FillAsync("riverside harbour");
        await create.Locator("button[type=submit]").ClickAsync();
        var oneTime = await SecretAsync(page, supervisor + ": ");
        var supervisorRow = page.Locator($"tr[data-user='{supervisor}']");
        await supervisorRow.WaitForAsync();
        Assert.Contains("riverside harbour", await supervisorRow.TextContentAsync());
        var firstSignIn = await http.PostAsJsonAsync("/api/auth/sign-in", new { userName = supervisor, password = oneTime });
        Assert.True((await firstSignIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("passwordChangeRequired").GetBoolean());

        // Import a CSV: every row becomes an account, an engineer linked to their engineer id.
        await page.GetByTestId("import-form").Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "people.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes($"userName,role,engineerId,regions\n{engineer},engineer,E-{tag},riverside\n{director},director,,riverside;harbour\n"),
        });
        await page.GetByTestId("import-form").Locator("button[type=submit]").ClickAsync();
        await SecretAsync(page, director + ": ");
        await page.Locator($"tr[data-user='{director}']").WaitForAsync();
        Assert.Contains($"E-{tag}", await page.Locator($"tr[data-user='{engineer}']").TextContentAsync());

        // Disable: the row says so, and the account can no longer sign in.
        await page.GetByTestId($"disable-{supervisor}").ClickAsync();
        await page.GetByTestId($"enable-{supervisor}").WaitForAsync();
        Assert.Contains("disabled", await supervisorRow.TextContentAsync());
        var refused = await http.PostAsJsonAsync("/api/auth/sign-in", new { userName = supervisor, password = oneTime });
        Assert.Equal("Account disabled", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        // An API key for a channel: shown once, listed without its secret, refused once revoked.
        var keyForm = page.GetByTestId("key-form");
        await keyForm.Locator("input[name=name]").FillAsync("ERP " + tag);
        await keyForm.Locator("input[name=channel]").FillAsync("erp-" + tag);
        await keyForm.Locator("button[type=submit]").ClickAsync();
        await page.Locator($"[data-testid=secret]:not([hidden]):has-text('dk_')").WaitForAsync();
        var key = (await page.Locator("#secret-body").TextContentAsync())!.Trim();
        Assert.StartsWith("dk_", key, StringComparison.Ordinal);
        var keyRow = page.GetByTestId("keys").Locator("tr", new() { HasText = "ERP " + tag });
        Assert.DoesNotContain(key, await keyRow.TextContentAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await KeyedGetAsync(http, key, "/api/tickets/none-" + tag)).StatusCode);
        await keyRow.Locator("[data-testid^=revoke-]").ClickAsync();
        await keyRow.Locator("[data-testid^=revoke-]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Equal(HttpStatusCode.Unauthorized, (await KeyedGetAsync(http, key, "/api/tickets/none-" + tag)).StatusCode);

        // Shown once: the page keeps no secret across a reload.
        await page.ReloadAsync();
        await page.Locator($"tr[data-user='{admin}']").WaitForAsync();
        Assert.True(await page.GetByTestId("secret").IsHiddenAsync());
        Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Empty(adminPage.PageErrors);
    }

    /// <summary>Waits for the page's shown-once secret to name <paramref name="prefix"/> and answers what follows it on that line.</summary>
    private static async Task<string> SecretAsync(IPage page, string prefix)
    {
        await page.Locator($"[data-testid=secret]:not([hidden]):has-text('{prefix}')").WaitForAsync();
        var lines = (await page.Locator("#secret-body").TextContentAsync())!.Split('\n');
        return lines.Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..].Trim();
    }

    private static async Task<HttpResponseMessage> KeyedGetAsync(HttpClient http, string key, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", key);
        return await http.SendAsync(request);
    }

    /// <summary>Submits the password and answers what the page then says, once the server has answered.</summary>
    private static async Task<string> SubmitAsync(IPage page, string password)
    {
        await page.GetByTestId("signin-password").FillAsync(password);
        await page.RunAndWaitForResponseAsync(() => page.GetByTestId("signin-submit").ClickAsync(), "**/api/auth/sign-in");
        var error = page.Locator("[data-testid=signin-error]:not([hidden])");
        await error.WaitForAsync();
        // The message is written after the answer is read: wait for this answer's, not the previous one's.
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=signin-submit]')?.disabled !== true");
        return await error.TextContentAsync() ?? "";
    }
}
