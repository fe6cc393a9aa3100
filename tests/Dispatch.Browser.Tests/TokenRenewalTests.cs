using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dispatch.Browser.Tests.Infrastructure;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dispatch.Browser.Tests;

/// <summary>
/// The engineer app outlives its tokens: the server closes its hub connection at each expiry, the page renews the
/// token and reconnects, and pushes keep arriving. Every page runs under the Content-Security-Policy without a refusal.
/// </summary>
public sealed class TokenRenewalTests(BrowserAppFixture app, ITestOutputHelper output) : IClassFixture<BrowserAppFixture>
{
    // Inside the sample city's Riverside district (greedy dispatch, no auto-accept).
    private const string Lat = "31.198";
    private const string Lon = "121.4765";

    [Fact]
    public async Task The_engineer_app_renews_its_expiring_token_reconnects_and_still_gets_its_offer()
    {
        // A web node of the same cluster whose development tokens live five seconds.
        await using var shortLived = new DispatchWebApp(app.Database.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Auth:DevTokenLifetime"] = "00:00:05",
            ["Customers:Tiers:0"] = BrowserAppFixture.TestTier,
        });
        shortLived.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        shortLived.StartServer();
        var address = shortLived.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (engineerId, skill, customerId) = ("eng-renew-" + tag, "renew-" + tag, "cust-renew-" + tag);
        await SetUpAsync(engineerId, skill, customerId);

        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address, Locale = "en-GB" });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await using var phone = new BrowserPage(context, page, output, "engineer-renew");
        var refusals = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (refusals)
                {
                    refusals.Add(message.Text);
                }
            }
        };
        await page.GotoAsync($"/engineer.html?engineer={engineerId}");
        await page.GetByTestId("login-submit").ClickAsync();
        await page.Locator("[data-testid=connection][data-state=connected]").WaitForAsync();
        var firstToken = await StoredTokenAsync(page);

        // Two renewals later (the first token expired, and its successor too), the page is connected again.
        var secondToken = await page.WaitForFunctionAsync(
            "first => { const s = JSON.parse(sessionStorage.getItem('dispatch.engineer.session') ?? 'null'); return s && s.token !== first ? s.token : null; }",
            firstToken);
        await page.WaitForFunctionAsync(
            "second => { const s = JSON.parse(sessionStorage.getItem('dispatch.engineer.session') ?? 'null'); return s && s.token !== second; }",
            await secondToken.JsonValueAsync<string>());
        await page.Locator("[data-testid=connection][data-state=connected]").WaitForAsync();
        Assert.True(await page.Locator("#login").IsHiddenAsync(), "the page fell back to its login form");

        var ticketId = await TicketAsync(customerId, skill);
        await page.Locator($"[data-testid=offer-card][data-ticket-id='{ticketId}']").WaitForAsync();
        Assert.Empty(phone.PageErrors);
        Assert.Empty(refusals);
    }

    private static async Task<string> StoredTokenAsync(IPage page) =>
        await page.EvaluateAsync<string>("() => JSON.parse(sessionStorage.getItem('dispatch.engineer.session')).token");

    private async Task SetUpAsync(string engineerId, string skill, string customerId)
    {
        using var dispatcher = await app.App.ClientAsAsync("dispatcher");
        // A skill of this test's own, added to the catalogue first as an admin would.
        using var admin = await app.App.ClientAsAsync("admin");
        (await admin.PutAsync($"/api/skills/{skill}", Json($$"""{"name": "Browser test {{skill}}"}"""))).EnsureSuccessStatusCode();
        (await dispatcher.PutAsync($"/api/engineers/{engineerId}", Json($$"""
            {"name": "Li Na", "skills": {"{{skill}}": 90}, "homeBase": {"lat": {{Lat}}, "lon": {{Lon}}}, "capacity": 1}
            """))).EnsureSuccessStatusCode();
        (await dispatcher.PutAsync($"/api/customers/{customerId}", Json($$"""
            {"name": "Renewal Clinic", "tier": "{{BrowserAppFixture.TestTier}}", "sites": [{"id": "main", "name": "Clinic", "lat": {{Lat}}, "lon": {{Lon}}}]}
            """))).EnsureSuccessStatusCode();
        using var engineer = await app.App.ClientAsAsync("engineer", engineerId);
        (await engineer.PostAsync($"/api/engineers/{engineerId}/status", Json("""{"status":"Available"}"""))).EnsureSuccessStatusCode();
        var at = DateTimeOffset.UtcNow.ToString("O");
        (await engineer.PostAsync($"/api/engineers/{engineerId}/position", Json($$"""{"lat": {{Lat}}, "lon": {{Lon}}, "at": "{{at}}", "accuracy": 8}"""))).EnsureSuccessStatusCode();
    }

    private async Task<string> TicketAsync(string customerId, string skill)
    {
        using var intake = await app.App.ClientAsAsync("intake");
        var response = await intake.PostAsync("/api/tickets", Json($$"""
            {"customerId": "{{customerId}}", "title": "Autoclave fault", "serviceType": "repair", "priority": "P2",
             "location": {"lat": {{Lat}}, "lon": {{Lon}}}, "requiredSkills": ["{{skill}}"], "channel": "web"}
            """));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
