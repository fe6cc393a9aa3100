using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dispatch.Browser.Tests.Infrastructure;
using Dispatch.Grains.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dispatch.Browser.Tests;

/// <summary>
/// The person's own inbox in the console: a supervisor on duty for the role a breach notifies sees the
/// notification arrive live, acknowledges it there, the alert's chain stops, and the ticket's timeline shows who.
/// </summary>
public sealed class ConsoleInboxTests(BrowserAppFixture app, ITestOutputHelper output) : IClassFixture<BrowserAppFixture>
{
    // Inside the sample city's Riverside district.
    private const double Lat = 31.198;
    private const double Lon = 121.4765;

    /// <summary>Who a development sign-in as supervisor is (the token's subject).</summary>
    private const string Supervisor = "dev-supervisor";

    [Fact]
    public async Task A_notification_arrives_live_in_the_inbox_and_acknowledging_it_stops_the_chain_and_goes_on_the_timeline()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var role = "duty-" + tag;
        var (skill, customerId) = ("inbox-" + tag, "cust-inbox-" + tag);
        await SetUpAsync(role, skill, customerId, "inbox-" + tag);

        await using var console = await app.OpenAsync("/console.html", output, "console-inbox");
        var page = console.Page;
        await page.GetByTestId("login-role").SelectOptionAsync("supervisor");
        await page.GetByTestId("login-submit").ClickAsync();
        await page.Locator("[data-testid=connection][data-state=connected]").WaitForAsync();
        await page.Locator("[data-testid=inbox-toggle][data-loaded=true][data-open='0']").WaitForAsync(); // read, and empty

        // The ticket breaches its three-second response target untaken: the supervisor on duty is told, live.
        var ticketId = await TicketAsync(customerId, skill);
        output.WriteLine($"ticket {ticketId}");
        var badge = page.GetByTestId("inbox-badge");
        await badge.WaitForAsync(new LocatorWaitForOptions { Timeout = 45_000 });
        Assert.Equal("1", await badge.TextContentAsync());
        await page.GetByTestId("inbox-toggle").ClickAsync();
        var item = page.Locator($"[data-testid=inbox-item][data-ticket-id='{ticketId}']");
        await item.Locator("[data-testid=inbox-ack]").WaitForAsync();
        Assert.Equal($"{ticketId}:response", await item.GetAttributeAsync("data-alert-id"));
        Assert.Equal("false", await item.GetAttributeAsync("data-acknowledged"));
        await console.ScreenshotAsync("console-inbox.png");

        await item.Locator("[data-testid=inbox-ack]").ClickAsync();
        await page.Locator($"[data-testid=inbox-item][data-ticket-id='{ticketId}'][data-acknowledged=true]").WaitForAsync();
        await badge.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });
        Assert.Contains(Supervisor, await item.GetByTestId("inbox-acknowledged").TextContentAsync(), StringComparison.Ordinal);

        var chain = await app.App.Services.GetRequiredService<IClusterClient>().GetGrain<IAlertGrain>($"{ticketId}:response").View();
        Assert.True(chain!.Acknowledged);
        Assert.Equal(Supervisor, chain.AcknowledgedBy);
        Assert.Null(chain.NextAt); // nobody else is told

        // The ticket, opened from the inbox, has the acknowledgement on its timeline; the shared feed shows it too.
        await item.GetByTestId("inbox-ticket").ClickAsync();
        await page.GetByTestId("inbox").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });
        var acknowledged = page.Locator("[data-testid=ticket-timeline] li[data-what='alert.acknowledged']");
        await acknowledged.WaitForAsync();
        Assert.Contains(Supervisor, await acknowledged.TextContentAsync(), StringComparison.Ordinal);
        await page.Locator($"[data-testid=alert-item][data-ticket-id='{ticketId}'][data-acknowledged=true]").WaitForAsync();
        await console.ScreenshotAsync("console-inbox-acknowledged.png");
        Assert.Empty(console.PageErrors);
    }

    /// <summary>
    /// The supervisor is on duty all week for the test's own role (rota "any": every region); a policy for the
    /// test's customer tier breaches at three seconds and tells that role; a skill nobody has keeps the ticket open.
    /// </summary>
    private async Task SetUpAsync(string role, string skill, string customerId, string policy)
    {
        using var admin = await app.App.ClientAsAsync("admin");
        await EnsureAsync(await admin.PutAsync($"/api/admin/rotas/any/{role}", Json($$"""
            {"timeZone": "Asia/Shanghai", "shifts": [{"userName": "{{Supervisor}}", "email": "supervisor@mail.test",
              "days": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], "from": "00:00", "to": "00:00"}]}
            """)));
        await EnsureAsync(await admin.PutAsync($"/api/sla/policies/{policy}?position=0", Json($$"""
            {"id": "{{policy}}", "name": "Browser test: three seconds", "match": {"tiers": ["{{BrowserAppFixture.TestTier}}"]},
             "targets": [{"metric": "response", "target": "00:00:03", "calendar": "24x7"}],
             "ladder": [{"id": "breach", "kind": "breach", "percent": 100, "level": 1, "actions": [{"type": "alertRole", "role": "{{role}}"}]}]}
            """)));
        await EnsureAsync(await admin.PutAsync($"/api/skills/{skill}", Json($$"""{"name": "Browser test {{skill}}"}""")));
        await EnsureAsync(await admin.PutAsync($"/api/customers/{customerId}", Json($$"""
            {"name": "Inbox Test Clinic", "tier": "{{BrowserAppFixture.TestTier}}",
             "sites": [{"id": "main", "name": "Clinic", "lat": {{N(Lat)}}, "lon": {{N(Lon)}}, "address": "88 Riverside Road"}]}
            """)));
    }

    private async Task<string> TicketAsync(string customerId, string skill)
    {
        using var intake = await app.App.ClientAsAsync("intake");
        var response = await intake.PostAsync("/api/tickets", Json($$"""
            {"customerId": "{{customerId}}", "title": "Freezer alarm", "serviceType": "repair", "priority": "P2",
             "location": {"lat": {{N(Lat)}}, "lon": {{N(Lon)}}}, "requiredSkills": ["{{skill}}"], "channel": "web"}
            """));
        await EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static string N(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
