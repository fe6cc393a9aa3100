using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dispatch.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dispatch.Browser.Tests;

/// <summary>The field app on a phone-sized page: offline work, the service report's checklist, photos, the customer rule.</summary>
public sealed partial class FieldAppBrowserTests(BrowserAppFixture app, ITestOutputHelper output) : IClassFixture<BrowserAppFixture>
{
    private const double Lat = 31.198;
    private const double Lon = 121.4765;

    [Fact]
    public async Task Offline_accept_arrive_and_resolve_with_a_report_reach_the_server_in_order_with_the_phones_times()
    {
        var (engineerId, skill, customerId) = await WorldAsync("off");
        var ticketId = await TicketAsync(customerId, skill, "maintenance");
        await using var phone = await SignInAsync(engineerId, "field-offline");
        var page = phone.Page;
        var offer = page.Locator($"[data-testid=offer-card][data-ticket-id='{ticketId}']");
        await offer.WaitForAsync();
        await offer.GetByTestId("job-customer-name").Filter(new LocatorFilterOptions { HasText = "Field Test Foods" }).WaitForAsync();
        await offer.GetByTestId("job-site").Filter(new LocatorFilterOptions { HasText = "18 Harbour Street" }).WaitForAsync();
        Assert.StartsWith("geo:", await offer.GetByTestId("job-navigate").GetAttributeAsync("href"), StringComparison.Ordinal);

        await phone.Context.SetOfflineAsync(true);
        await page.GetByTestId("offer-accept").ClickAsync();
        var job = page.Locator($"[data-testid=job-card][data-ticket-id='{ticketId}']");
        await page.Locator($"[data-testid=job-card][data-ticket-id='{ticketId}'][data-status=Accepted]").WaitForAsync();
        await job.GetByTestId("job-on-site").ClickAsync();
        await page.Locator($"[data-testid=job-card][data-ticket-id='{ticketId}'][data-status=OnSite]").WaitForAsync();
        await job.GetByTestId("job-resolved").ClickAsync();
        string[] steps = ["power-isolated", "filters-replaced", "area-cleaned"];
        foreach (var step in steps)
        {
            await job.GetByTestId($"check-{step}").CheckAsync();
        }
        await job.GetByTestId("report-fault").SelectOptionAsync("WEAR");
        await job.GetByTestId("job-notes").FillAsync("Filters replaced, coils cleaned");
        await job.GetByTestId("part-filter-std").CheckAsync();
        await job.GetByTestId("job-resolve-submit").ClickAsync();
        await job.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        await page.Locator("[data-testid=outbox-queued]", new PageLocatorOptions { HasText = "3" }).WaitForAsync();
        var queued = page.Locator("[data-testid=outbox-item][data-state=queued]");
        Assert.Equal(3, await queued.CountAsync());
        var deviceTimes = new List<DateTimeOffset>();
        for (var i = 0; i < 3; i++)
        {
            deviceTimes.Add(DateTimeOffset.Parse((await queued.Nth(i).GetAttributeAsync("data-at"))!, System.Globalization.CultureInfo.InvariantCulture));
        }
        await phone.ScreenshotAsync("engineer-offline-queued.png");

        await phone.Context.SetOfflineAsync(false);
        await page.Locator("[data-testid=outbox-item][data-state=ok]").Nth(2).WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=outbox-item][data-state=refused]").CountAsync());

        using var dispatcher = await app.App.ClientAsAsync("dispatcher");
        var ticket = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}");
        var timeline = ticket.GetProperty("timeline").EnumerateArray().ToList();
        string[] moves = ["Accepted", "OnSite", "Resolved"];
        var counted = moves
            .Select(to => timeline.Single(e => e.GetProperty("to").GetString() == to && e.GetProperty("from").GetString() != to))
            .ToList();
        for (var i = 0; i < 3; i++)
        {
            var details = counted[i].GetProperty("details");
            Assert.Equal("device", details.GetProperty("timeSource").GetString());
            Assert.Equal(deviceTimes[i], counted[i].GetProperty("at").GetDateTimeOffset());
        }
        Assert.True(deviceTimes[0] <= deviceTimes[1] && deviceTimes[1] <= deviceTimes[2]);
        Assert.Equal("WEAR", counted[2].GetProperty("details").GetProperty("report.faultCode").GetString());
        Assert.Empty(phone.PageErrors);
    }

    [Fact]
    public async Task A_skipped_required_step_is_pointed_out_at_once_and_blocks_resolving()
    {
        var (engineerId, skill, customerId) = await WorldAsync("chk");
        var ticketId = await TicketAsync(customerId, skill, "maintenance");
        await OnSiteAsync(engineerId, ticketId);
        await using var phone = await SignInAsync(engineerId, "field-checklist");
        var page = phone.Page;
        var job = page.Locator($"[data-testid=job-card][data-ticket-id='{ticketId}'][data-status=OnSite]");
        await job.WaitForAsync();
        await job.GetByTestId("job-resolved").ClickAsync();
        await job.GetByTestId("check-filters-replaced").CheckAsync();
        var warning = job.GetByTestId("report-warning");
        await warning.Filter(new LocatorFilterOptions { HasText = "Power isolated" }).WaitForAsync();
        await job.GetByTestId("report-fault").SelectOptionAsync("WEAR");
        await job.GetByTestId("job-resolve-submit").ClickAsync();
        await warning.Filter(new LocatorFilterOptions { HasText = "Work area cleaned" }).WaitForAsync();
        await phone.ScreenshotAsync("engineer-checklist-blocked.png");

        using var dispatcher = await app.App.ClientAsAsync("dispatcher");
        Assert.Equal("OnSite", (await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}")).GetProperty("status").GetString());
        Assert.Equal(0, await page.Locator("[data-testid=outbox-item]").CountAsync());

        // An oversized photo is refused on the phone with the limit named, and nothing is queued for it.
        await job.GetByTestId("report-photo").SetInputFilesAsync(new FilePayload { Name = "blurry.jpg", MimeType = "image/jpeg", Buffer = new byte[700 * 1024] });
        await warning.Filter(new LocatorFilterOptions { HasText = "blurry.jpg is 700 KB: photos may be at most 512 KB." }).WaitForAsync();
        Assert.Equal(0, await job.Locator("[data-testid=report-photos] li").CountAsync());
        Assert.Empty(phone.PageErrors);
    }

    [Fact]
    public async Task An_engineer_cannot_read_the_customer_of_another_engineers_job()
    {
        var (mine, skill, customerId) = await WorldAsync("own");
        var ticketId = await TicketAsync(customerId, skill, "repair");
        var (other, _, _) = await WorldAsync("oth");
        await using var phone = await SignInAsync(other, "field-other");
        var status = await phone.Page.EvaluateAsync<int>("""
            async id => {
              const token = JSON.parse(sessionStorage.getItem("dispatch.engineer.session")).token;
              const response = await fetch(`/api/tickets/${id}/customer`, { headers: { Authorization: `Bearer ${token}` } });
              return response.status;
            }
            """, ticketId);
        Assert.Equal(403, status);
        using var engineer = await app.App.ClientAsAsync("engineer", mine);
        await Dispatch.Testing.Eventually.Until(() => engineer.GetAsync($"/api/tickets/{ticketId}/customer"),
            r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(30), "the offered engineer reading the customer");
    }

    private async Task<BrowserPage> SignInAsync(string engineerId, string name)
    {
        var phone = await app.OpenAsync($"/engineer.html?engineer={engineerId}", output, name, width: 390, height: 844);
        await phone.Page.GetByTestId("login-submit").ClickAsync();
        await phone.Page.Locator("[data-testid=connection][data-state=connected]").WaitForAsync();
        return phone;
    }

    private async Task<(string EngineerId, string Skill, string CustomerId)> WorldAsync(string tag)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (engineerId, skill, customerId) = ($"eng-{tag}-{id}", $"field-{tag}-{id}", $"cust-{tag}-{id}");
        using (var admin = await app.App.ClientAsAsync("admin"))
        {
            await EnsureAsync(await admin.PutAsync($"/api/skills/{skill}", Json($$"""{"name": "Field test {{skill}}"}""")));
        }
        using var dispatcher = await app.App.ClientAsAsync("dispatcher");
        await EnsureAsync(await dispatcher.PutAsync($"/api/engineers/{engineerId}", Json($$"""
            {"name": "Li Na", "skills": {"{{skill}}": 90}, "homeBase": {"lat": {{N(Lat + 0.002)}}, "lon": {{N(Lon)}}}, "capacity": 1}
            """)));
        await EnsureAsync(await dispatcher.PutAsync($"/api/customers/{customerId}", Json($$"""
            {"name": "Field Test Foods", "tier": "standard", "phone": "+86 21 5555 0199",
             "sites": [{"id": "cold-store", "name": "Cold store", "lat": {{N(Lat)}}, "lon": {{N(Lon)}}, "address": "18 Harbour Street"}]}
            """)));
        using var engineer = await app.App.ClientAsAsync("engineer", engineerId);
        await EnsureAsync(await engineer.PostAsync($"/api/engineers/{engineerId}/status", Json("""{"status":"Available"}""")));
        var at = DateTimeOffset.UtcNow.ToString("O");
        await EnsureAsync(await engineer.PostAsync($"/api/engineers/{engineerId}/position", Json($$"""{"lat": {{N(Lat + 0.002)}}, "lon": {{N(Lon)}}, "at": "{{at}}", "accuracy": 8}""")));
        return (engineerId, skill, customerId);
    }

    private async Task<string> TicketAsync(string customerId, string skill, string serviceType)
    {
        using var intake = await app.App.ClientAsAsync("intake");
        var response = await intake.PostAsync("/api/tickets", Json($$"""
            {"customerId": "{{customerId}}", "title": "Cold room too warm", "serviceType": "{{serviceType}}", "priority": "P2",
             "location": {"lat": {{N(Lat)}}, "lon": {{N(Lon)}}}, "requiredSkills": ["{{skill}}"], "channel": "web"}
            """));
        await EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task OnSiteAsync(string engineerId, string ticketId)
    {
        using var engineer = await app.App.ClientAsAsync("engineer", engineerId);
        await Dispatch.Testing.Eventually.Until(() => engineer.PostAsync($"/api/tickets/{ticketId}/accept", Json("{}")),
            r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(30), "the offer to accept");
        await EnsureAsync(await engineer.PostAsync($"/api/tickets/{ticketId}/on-site", Json("{}")));
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
