using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Npgsql;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Accounts;

/// <summary>Dispatch's own accounts: sign-in, refresh, lockout, the admin API, API keys, disabling a person.</summary>
public sealed class AccountTests(LiveClusterFixture cluster) : IClassFixture<LiveClusterFixture>
{
    private const string NewPassword = "a long pass phrase of mine";

    private static readonly string[] AtlantisOnly = ["atlantis"];

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<HttpClient> AdminAsync() => await cluster.App.ClientAsAsync("admin");

    /// <summary>Creates an account through the admin API; its one-time password.</summary>
    private async Task<string> CreateAsync(string userName, string role, string? engineerId = null, string[]? regions = null)
    {
        using var admin = await AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/admin/users", new { userName, role, engineerId, regions });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("oneTimePassword").GetString()!;
    }

    /// <summary>An account that has changed its one-time password: its session (access and refresh token).</summary>
    private async Task<JsonElement> AccountWithSessionAsync(string userName, string role, string? engineerId = null, string[]? regions = null)
    {
        var oneTime = await CreateAsync(userName, role, engineerId, regions);
        using var anonymous = cluster.App.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/auth/password", new { userName, password = oneTime, newPassword = NewPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private HttpClient Bearer(string token)
    {
        var client = cluster.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<HttpResponseMessage> SignInAsync(string userName, string password)
    {
        using var anonymous = cluster.App.CreateClient();
        return await anonymous.PostAsJsonAsync("/api/auth/sign-in", new { userName, password });
    }

    [Fact]
    public async Task A_one_time_password_must_be_changed_then_the_token_names_the_person_their_role_and_regions()
    {
        var userName = Unique("disp");
        var oneTime = await CreateAsync(userName, "dispatcher", regions: ["riverside", "harbour"]);

        var first = await (await SignInAsync(userName, oneTime)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(first.GetProperty("passwordChangeRequired").GetBoolean());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("accessToken").ValueKind);

        using var anonymous = cluster.App.CreateClient();
        var tooShort = await anonymous.PostAsJsonAsync("/api/auth/password", new { userName, password = oneTime, newPassword = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.True((await tooShort.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("newPassword", out _));
        (await anonymous.PostAsJsonAsync("/api/auth/password", new { userName, password = oneTime, newPassword = NewPassword })).EnsureSuccessStatusCode();

        var response = await SignInAsync(userName, NewPassword);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = session.GetProperty("accessToken").GetString()!;
        var claims = new JsonWebToken(token);
        Assert.Equal(userName, claims.Subject);
        Assert.Equal("dispatcher", claims.GetClaim("role").Value);
        Assert.Equal(["riverside", "harbour"], claims.Claims.Where(c => c.Type == "regions").Select(c => c.Value));
        Assert.False(string.IsNullOrEmpty(claims.GetClaim("acct_ver").Value));

        using var client = Bearer(token);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(userName, me.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/cluster")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(userName, oneTime)).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_repeated_failures_lock_the_account()
    {
        var userName = Unique("sup");
        await AccountWithSessionAsync(userName, "supervisor");
        var wrong = await SignInAsync(userName, "not the password at all");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync("nobody-" + userName, NewPassword)).StatusCode);

        for (var attempt = 2; attempt <= 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(userName, "not the password at all")).StatusCode);
        }
        var locked = await SignInAsync(userName, NewPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal("Account locked", (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        // An admin's reset lifts the lockout, with a new one-time password.
        using var admin = await AdminAsync();
        var reset = await (await admin.PostAsync($"/api/admin/users/{userName}/reset-password", null)).Content.ReadFromJsonAsync<JsonElement>();
        var again = await (await SignInAsync(userName, reset.GetProperty("oneTimePassword").GetString()!)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(again.GetProperty("passwordChangeRequired").GetBoolean());
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_its_reuse_ends_the_session()
    {
        var userName = Unique("dir");
        var session = await AccountWithSessionAsync(userName, "director");
        var first = session.GetProperty("refreshToken").GetString()!;
        using var anonymous = cluster.App.CreateClient();

        var refreshed = await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var next = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        var second = next.GetProperty("refreshToken").GetString()!;
        Assert.NotEqual(first, second);
        using (var director = Bearer(next.GetProperty("accessToken").GetString()!))
        {
            // A director may at least what a supervisor may.
            Assert.Equal(HttpStatusCode.OK, (await director.GetAsync("/api/cluster")).StatusCode);
        }

        // The first one again: a replay. It is refused, and so is its successor (the whole family is revoked).
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = second })).StatusCode);

        // Signing out ends a session the same way.
        var other = await (await SignInAsync(userName, NewPassword)).Content.ReadFromJsonAsync<JsonElement>();
        var token = other.GetProperty("refreshToken").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostAsJsonAsync("/api/auth/sign-out", new { refreshToken = token })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = token })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "not-a-token" })).StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field_and_changes_nothing()
    {
        using var anonymous = cluster.App.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/auth/sign-in", new { userName = "someone" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("password", out _));

        using var admin = await AdminAsync();
        var userName = Unique("bad");
        var bad = await admin.PostAsJsonAsync("/api/admin/users", new { userName, role = "engineer", regions = AtlantisOnly });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("engineerId", out _));
        Assert.True(errors.TryGetProperty("regions", out _));
        var badName = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "a\u202Eb", role = "dispatcher" });
        Assert.True((await badName.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("userName", out _));
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/admin/users");
        Assert.DoesNotContain(users.EnumerateArray(), u => u.GetProperty("userName").GetString() == userName);
    }

    [Fact]
    public async Task A_csv_import_names_each_bad_line_and_field_and_imports_nothing_until_all_are_good()
    {
        using var admin = await AdminAsync();
        var good = Unique("imp");
        var taken = Unique("taken");
        await CreateAsync(taken, "intake");
        var csv = $"""
            userName,displayName,role,engineerId,regions
            {good},"Li, Wei",dispatcher,,riverside;harbour
            {good}-2,Someone,chef,,
            {good}-3,Engineer,engineer,,
            {good}-4,Far away,supervisor,,atlantis
            {taken},Again,intake,,
            {good},Twice,dispatcher,,
            """;
        var response = await admin.PostAsync("/api/admin/users/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(
            ["line 3: role", "line 4: engineerId", "line 5: regions", "line 6: userName", "line 7: userName"],
            errors.EnumerateObject().Select(e => e.Name).Order());
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/admin/users");
        Assert.DoesNotContain(users.EnumerateArray(), u => u.GetProperty("userName").GetString()!.StartsWith(good, StringComparison.Ordinal));

        var fixedCsv = $"userName,displayName,role,engineerId,regions\r\n{good},\"Li, Wei\",dispatcher,,riverside;harbour\r\n{good}-3,Engineer,engineer,E-9,\r\n";
        var imported = await admin.PostAsync("/api/admin/users/import", new StringContent(fixedCsv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var created = (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("users").EnumerateArray().ToList();
        Assert.Equal([good, good + "-3"], created.Select(c => c.GetProperty("userName").GetString()));
        var signIn = await (await SignInAsync(good, created[0].GetProperty("oneTimePassword").GetString()!)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(signIn.GetProperty("passwordChangeRequired").GetBoolean());
        Assert.Equal(["riverside", "harbour"], signIn.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task An_api_key_creates_tickets_for_its_channel_only_and_stops_working_when_revoked()
    {
        using var admin = await AdminAsync();
        var channel = Unique("erp");
        var created = await (await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "ERP connector", channel }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var key = created.GetProperty("apiKey").GetString()!;
        var id = created.GetProperty("id").GetString()!;
        var listed = await admin.GetStringAsync("/api/admin/api-keys");
        Assert.Contains(id, listed);
        Assert.DoesNotContain(key, listed);

        var customer = Unique("cust");
        (await admin.PutAsync($"/api/customers/{customer}", Json("""{"name": "Acme", "tier": "standard", "sites": []}"""))).EnsureSuccessStatusCode();
        var ticket = $$"""
            {"customerId": "{{customer}}", "title": "No cooling", "serviceType": "repair", "priority": "P3",
             "location": {"lat": 31.198, "lon": 121.4765}, "channel": "web"}
            """;
        using var integrator = cluster.App.CreateClient();
        integrator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        var opened = await integrator.PostAsync("/api/tickets", Json(ticket));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var view = await opened.Content.ReadFromJsonAsync<JsonElement>();
        var ticketId = view.GetProperty("id").GetString()!;
        Assert.Equal($"channel:{channel}", (await admin.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}")).GetProperty("openedBy").GetString());

        using var viaHeader = cluster.App.CreateClient();
        viaHeader.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await viaHeader.GetAsync($"/api/tickets/{ticketId}")).StatusCode);
        // Its scope is intake: no operations.
        Assert.Equal(HttpStatusCode.Forbidden, (await integrator.GetAsync("/api/cluster")).StatusCode);
        using var forged = cluster.App.CreateClient();
        forged.DefaultRequestHeaders.Add("X-Api-Key", key[..^2] + "AA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync($"/api/tickets/{ticketId}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/api-keys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await integrator.PostAsync("/api/tickets", Json(ticket))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await viaHeader.GetAsync($"/api/tickets/{ticketId}")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_person_is_refused_at_once_and_their_hub_connection_is_closed()
    {
        var userName = Unique("eng");
        var engineerId = Unique("E");
        var session = await AccountWithSessionAsync(userName, "engineer", engineerId);
        var token = session.GetProperty("accessToken").GetString()!;
        using var phone = Bearer(token);
        var work = $"/api/engineers/{engineerId}/work";
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await phone.GetAsync(work)).StatusCode);

        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.BaseAddress, "/hubs/engineer"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartAsync();

        using var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/admin/users/{userName}/disable", null)).StatusCode);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync(work)).StatusCode);
        using var anonymous = cluster.App.CreateClient();
        var refreshToken = session.GetProperty("refreshToken").GetString();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken })).StatusCode);
        Assert.Equal("Account disabled", (await (await SignInAsync(userName, NewPassword)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        await using var again = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.BaseAddress, "/hubs/engineer"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => again.StartAsync());

        // Enabled again: a new sign-in works; the old token stays refused (the account's version changed).
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/admin/users/{userName}/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(userName, NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync(work)).StatusCode);
    }

    [Fact]
    public async Task Disabling_a_person_through_one_web_node_closes_their_connection_on_another()
    {
        var userName = Unique("eng");
        var engineerId = Unique("E");
        var token = (await AccountWithSessionAsync(userName, "engineer", engineerId)).GetProperty("accessToken").GetString()!;
        await using var other = new DispatchWebApp(cluster.Database.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Accounts:StateCacheTime"] = "00:00:01",
        });
        other.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        other.StartServer();
        var address = new Uri(other.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(address, "/hubs/engineer"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartAsync();

        using var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/admin/users/{userName}/disable", null)).StatusCode);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    [Fact]
    public async Task The_first_start_creates_one_admin_with_a_one_time_password_and_later_starts_create_none()
    {
        await using (var connection = new NpgsqlConnection(cluster.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var clear = new NpgsqlCommand("DELETE FROM dispatch_users WHERE role = 'admin'", connection);
            await clear.ExecuteNonQueryAsync();
        }
        var report = Path.Combine(Path.GetTempPath(), "dispatch-admin-" + Guid.NewGuid().ToString("N"));
        try
        {
            var line = await FirstStartReportAsync(report);
            var parts = line.Split(' ');
            Assert.Equal(["created", "admin"], parts[..2]);
            var first = await (await SignInAsync("admin", parts[2])).Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(first.GetProperty("passwordChangeRequired").GetBoolean());
            Assert.Equal("admin", first.GetProperty("role").GetString());

            Assert.Equal("exists", await FirstStartReportAsync(report));
        }
        finally
        {
            File.Delete(report);
        }
    }

    private async Task<string> FirstStartReportAsync(string report)
    {
        File.Delete(report);
        await using var node = new DispatchWebApp(cluster.Database.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Accounts:InitialAdminReportFile"] = report,
        });
        _ = node.Server;
        return await Eventually.Until(async () => File.Exists(report) ? (await File.ReadAllTextAsync(report)).Trim() : "",
            text => text.Length > 0, TimeSpan.FromSeconds(60), "the first-admin report");
    }
}
