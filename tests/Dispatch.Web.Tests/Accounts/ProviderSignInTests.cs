using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Web;
using Dispatch.Testing;
using Dispatch.Web.Accounts;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Npgsql;

namespace Dispatch.Web.Tests.Accounts;

/// <summary>
/// Sign-in through an external OpenID Connect provider (a real one: panva's oidc-provider in node, whose client must use
/// PKCE), driven over real HTTP as a browser would, one redirect at a time: the identity names an enabled Dispatch account,
/// which gets Dispatch's own tokens once; anyone else, and any broken round trip, gets nothing.
/// </summary>
public sealed class ProviderSignInTests(ProviderSignInTests.Fixture cluster) : IClassFixture<ProviderSignInTests.Fixture>
{
    public const string Domain = "dispatch.example";

    /// <summary>A private PostgreSQL, a silo, the provider, and the web app (Development, for admin tokens) using the provider.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private IHost? _silo;

        public PrivatePostgres Database { get; private set; } = null!;

        public TestOidcProvider Provider { get; private set; } = null!;

        public DispatchWebApp App { get; private set; } = null!;

        public Uri BaseAddress { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Database = await PrivatePostgres.StartAsync();
            _silo = await SiloHosts.StartAsync(Database.ConnectionString, SiloHosts.SiloPorts.Free());
            // The provider must know the callback before the web app knows the provider: the web app's port is chosen first.
            var port = FreePorts.Next();
            BaseAddress = new Uri($"http://127.0.0.1:{port}/");
            Provider = await TestOidcProvider.StartAsync([new Uri(BaseAddress, "signin-oidc").ToString()], People);
            App = new DispatchWebApp(Database.ConnectionString, settings: new Dictionary<string, string?>
            {
                ["Auth:OpenIdConnect:Authority"] = Provider.Issuer,
                ["Auth:OpenIdConnect:ClientId"] = TestOidcProvider.ClientId,
                ["Auth:OpenIdConnect:ClientSecret"] = TestOidcProvider.ClientSecret,
                ["Auth:OpenIdConnect:DisplayName"] = "Test provider",
                ["Auth:OpenIdConnect:EmailDomain"] = Domain,
                ["Auth:OpenIdConnect:RequireHttpsMetadata"] = "false",
            });
            App.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
            App.StartServer();
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await Provider.DisposeAsync();
            if (_silo is not null)
            {
                await _silo.StopAsync();
                _silo.Dispose();
            }
            await Database.DisposeAsync();
        }
    }

    private const string ProviderPassword = "the provider's own password";

    /// <summary>The people the provider knows: their login there, and what it says of them.</summary>
    private static readonly TestOidcProvider.Person[] People =
    [
        new("ana", ProviderPassword, new Dictionary<string, object> { ["preferred_username"] = "ana.disp", ["name"] = "Ana" }),
        new("dora", ProviderPassword, new Dictionary<string, object> { ["preferred_username"] = "dora.off" }),
        new("stranger", ProviderPassword, new Dictionary<string, object> { ["preferred_username"] = "stranger" }),
        // No user name: the e-mail address of the configured domain names the account.
        new("eve", ProviderPassword, new Dictionary<string, object> { ["email"] = "eve.sup@" + Domain, ["email_verified"] = true }),
        new("mallory", ProviderPassword, new Dictionary<string, object> { ["email"] = "eve.sup@elsewhere.example", ["email_verified"] = true }),
    ];

    private async Task CreateAccountAsync(string userName, string role)
    {
        using var admin = await cluster.App.ClientAsAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/admin/users", new { userName, role });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    /// <summary>A browser of its own: cookies kept, redirects followed by the test.</summary>
    private sealed class Browser : IDisposable
    {
        public CookieContainer Cookies { get; } = new();

        public HttpClient Http { get; }

        public Browser() => Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false });

        public void Dispose() => Http.Dispose();
    }

    private static Uri Next(HttpResponseMessage response) => new(response.RequestMessage!.RequestUri!, response.Headers.Location!);

    /// <summary>Follows redirects until a page answers (200), or the browser is sent to Dispatch's sign-in page.</summary>
    private static async Task<HttpResponseMessage> FollowAsync(Browser browser, HttpResponseMessage response)
    {
        for (var hops = 0; hops < 10; hops++)
        {
            if ((int)response.StatusCode is < 300 or >= 400 || Next(response).AbsolutePath == "/signin.html")
            {
                return response;
            }
            response = await browser.Http.GetAsync(Next(response));
        }
        throw new InvalidOperationException("too many redirects");
    }

    /// <summary>Start at Dispatch, sign in at the provider: the answer that sends the browser back to the sign-in page.</summary>
    private async Task<HttpResponseMessage> SignInThroughProviderAsync(Browser browser, string login, string app = "console")
    {
        var loginPage = await FollowAsync(browser, await browser.Http.GetAsync(new Uri(cluster.BaseAddress, $"api/auth/external/start?app={app}")));
        Assert.Equal(HttpStatusCode.OK, loginPage.StatusCode);
        Assert.StartsWith(cluster.Provider.Issuer + "/interaction/", loginPage.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal);
        var submitted = await browser.Http.PostAsync(loginPage.RequestMessage.RequestUri + "/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["login"] = login,
            ["password"] = ProviderPassword,
        }));
        var back = await FollowAsync(browser, submitted);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        return back;
    }

    private static Dictionary<string, string?> QueryOf(Uri uri)
    {
        var query = HttpUtility.ParseQueryString(uri.Query);
        return query.AllKeys.ToDictionary(key => key!, key => query[key]);
    }

    private string? Handoff(Browser browser) =>
        browser.Cookies.GetCookies(new Uri(cluster.BaseAddress, "api/auth/external/session"))[ExternalSignIn.HandoffCookie]?.Value;

    private async Task<HttpResponseMessage> ExchangeAsync(string? handoff)
    {
        using var client = new HttpClient { BaseAddress = cluster.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/external/session");
        if (handoff is not null)
        {
            request.Headers.Add("Cookie", $"{ExternalSignIn.HandoffCookie}={handoff}");
        }
        return await client.SendAsync(request);
    }

    private async Task<long> RefreshTokensAsync(string? userName = null)
    {
        await using var connection = new NpgsqlConnection(cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM dispatch_refresh_tokens WHERE $1::text IS NULL OR user_name = $1", connection);
        command.Parameters.Add(new() { Value = (object?)userName ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_provider_signs_a_person_in_as_their_Dispatch_account_and_the_handoff_works_once()
    {
        await CreateAccountAsync("ana.disp", "dispatcher");
        using var options = new HttpClient { BaseAddress = cluster.BaseAddress };
        Assert.Equal("Test provider", (await options.GetFromJsonAsync<JsonElement>("api/auth/options")).GetProperty("provider").GetString());

        using var browser = new Browser();
        var back = await SignInThroughProviderAsync(browser, "ana");
        var page = Next(back);
        Assert.Equal(new Dictionary<string, string?> { ["app"] = "console", ["external"] = "done" }, QueryOf(page));
        // No token in the URL: the handoff is an HttpOnly cookie that only the exchange endpoint receives.
        Assert.DoesNotContain("token", page.ToString(), StringComparison.OrdinalIgnoreCase);
        var cookie = browser.Cookies.GetCookies(new Uri(cluster.BaseAddress, "api/auth/external/session"))[ExternalSignIn.HandoffCookie]!;
        Assert.True(cookie.HttpOnly);
        Assert.Null(browser.Cookies.GetCookies(new Uri(cluster.BaseAddress, "signin.html"))[ExternalSignIn.HandoffCookie]);

        var exchanged = await browser.Http.PostAsync(new Uri(cluster.BaseAddress, "api/auth/external/session"), null);
        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
        var session = await exchanged.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ana.disp", session.GetProperty("userName").GetString());
        Assert.Equal("dispatcher", session.GetProperty("role").GetString());
        var claims = new JsonWebToken(session.GetProperty("accessToken").GetString());
        Assert.Equal("ana.disp", claims.Subject);
        Assert.Equal("dispatcher", claims.GetClaim("role").Value);
        Assert.Null(Handoff(browser)); // the exchange removed the cookie

        // The session is an ordinary one: the token works, the refresh token renews it.
        using (var bearer = new HttpClient { BaseAddress = cluster.BaseAddress })
        {
            bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", claims.EncodedToken);
            Assert.Equal("ana.disp", (await bearer.GetFromJsonAsync<JsonElement>("api/me")).GetProperty("name").GetString());
        }
        var refreshed = await options.PostAsJsonAsync("api/auth/refresh", new { refreshToken = session.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);

        // The handoff works once: presented again it is refused, and nothing is issued.
        var issued = await RefreshTokensAsync("ana.disp");
        var again = await ExchangeAsync(cookie.Value);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal(issued, await RefreshTokensAsync("ana.disp"));
        // No handoff at all: a ProblemDetails naming it.
        var none = await ExchangeAsync(null);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.True((await none.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("handoff", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, (await ExchangeAsync("made-up-handoff")).StatusCode);
        Assert.Equal(issued, await RefreshTokensAsync("ana.disp"));
    }

    [Fact]
    public async Task A_person_without_an_account_or_with_a_disabled_one_is_refused_and_given_nothing()
    {
        await CreateAccountAsync("dora.off", "supervisor");
        using (var admin = await cluster.App.ClientAsAsync("admin"))
        {
            (await admin.PostAsync("/api/admin/users/dora.off/disable", null)).EnsureSuccessStatusCode();
        }
        var before = await RefreshTokensAsync();

        foreach (var (login, refusal, app) in new[] { ("stranger", "unknown", "engineer"), ("dora", "disabled", "console"), ("mallory", "unknown", "admin") })
        {
            using var browser = new Browser();
            var back = await SignInThroughProviderAsync(browser, login, app);
            Assert.Equal(new Dictionary<string, string?> { ["app"] = app, ["refused"] = refusal }, QueryOf(Next(back)));
            Assert.Null(Handoff(browser));
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.Http.PostAsync(new Uri(cluster.BaseAddress, "api/auth/external/session"), null)).StatusCode);
        }
        Assert.Equal(before, await RefreshTokensAsync());
    }

    [Fact]
    public async Task An_address_of_the_configured_domain_names_the_account_when_the_provider_sends_no_user_name()
    {
        await CreateAccountAsync("eve.sup", "supervisor");
        using var browser = new Browser();
        var back = await SignInThroughProviderAsync(browser, "eve", "console");
        Assert.Equal("done", QueryOf(Next(back))["external"]);
        var session = await (await browser.Http.PostAsync(new Uri(cluster.BaseAddress, "api/auth/external/session"), null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("eve.sup", session.GetProperty("userName").GetString());
        Assert.Equal("supervisor", session.GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_callback_with_a_bad_or_missing_state_or_a_replayed_one_issues_nothing()
    {
        await CreateAccountAsync("ana.replay", "dispatcher");
        var before = await RefreshTokensAsync();
        using var browser = new Browser();
        foreach (var callback in new[] { "signin-oidc", "signin-oidc?code=abc&state=not-a-state", "signin-oidc?code=abc" })
        {
            var answer = await browser.Http.GetAsync(new Uri(cluster.BaseAddress, callback));
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            Assert.Equal(new Dictionary<string, string?> { ["app"] = "console", ["refused"] = "failed" }, QueryOf(Next(answer)));
            Assert.Null(Handoff(browser));
        }
        Assert.Equal(before, await RefreshTokensAsync());

        // A real callback taken once (by someone who saw its URL), then again: the second finds no correlation cookie.
        var start = await browser.Http.GetAsync(new Uri(cluster.BaseAddress, "api/auth/external/start?app=console"));
        var loginPage = await FollowAsync(browser, start);
        var submitted = await browser.Http.PostAsync(loginPage.RequestMessage!.RequestUri + "/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["login"] = "stranger",
            ["password"] = ProviderPassword,
        }));
        // Stop at the provider's redirect to the callback, and present the callback twice.
        var response = submitted;
        while (!Next(response).AbsolutePath.EndsWith("/signin-oidc", StringComparison.Ordinal))
        {
            response = await browser.Http.GetAsync(Next(response));
        }
        var callbackUri = Next(response);
        Assert.Equal("unknown", QueryOf(Next(await browser.Http.GetAsync(callbackUri)))["refused"]);
        Assert.Equal("failed", QueryOf(Next(await browser.Http.GetAsync(callbackUri)))["refused"]);
        Assert.Equal(before, await RefreshTokensAsync());
    }

    [Fact]
    public async Task A_provider_that_does_not_answer_sends_the_browser_back_to_the_sign_in_page()
    {
        await using var unreachable = new DispatchWebApp(cluster.Database.ConnectionString, settings: new Dictionary<string, string?>
        {
            // A port nobody listens on.
            ["Auth:OpenIdConnect:Authority"] = $"http://127.0.0.1:{FreePorts.Next()}",
            ["Auth:OpenIdConnect:ClientId"] = TestOidcProvider.ClientId,
            ["Auth:OpenIdConnect:RequireHttpsMetadata"] = "false",
        });
        using var client = unreachable.CreateClient(new() { AllowAutoRedirect = false });
        var answer = await client.GetAsync("/api/auth/external/start?app=engineer");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/signin.html?app=engineer&refused=failed", answer.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("preferred_username", "ana", null, "ana")]
    [InlineData("email", "eve@dispatch.example", "true", "eve")]
    [InlineData("email", "eve@DISPATCH.example", null, "eve")]
    [InlineData("email", "eve@elsewhere.example", "true", null)]
    [InlineData("email", "eve@dispatch.example", "false", null)]
    [InlineData("email", "@dispatch.example", "true", null)]
    [InlineData("preferred_username", "ana@dispatch.example", null, "ana")]
    public void The_user_name_is_the_claim_or_the_address_of_the_configured_domain(string claim, string value, string? verified, string? expected)
    {
        var claims = new List<Claim> { new(claim, value) };
        if (verified is not null)
        {
            claims.Add(new Claim("email_verified", verified));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
        Assert.Equal(expected, ExternalIdentity.UserName(principal, new ProviderSettings { Authority = "x", EmailDomain = Domain }));
        Assert.Null(ExternalIdentity.UserName(new ClaimsPrincipal(new ClaimsIdentity()), new ProviderSettings()));
    }
}
