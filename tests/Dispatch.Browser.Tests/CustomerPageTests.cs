using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dispatch.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dispatch.Browser.Tests;

/// <summary>The customer's status page on a phone: status, engineer and ETA on the way, then confirm and survey.</summary>
public sealed class CustomerPageTests(BrowserAppFixture app, ITestOutputHelper output) : IClassFixture<BrowserAppFixture>
{
    private const double Lat = 31.2304;
    private const double Lon = 121.4737;

    [Fact]
    public async Task A_customer_follows_the_engineer_confirms_the_job_and_answers_the_survey_on_a_phone()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (skill, engineerId, customerId) = ($"cl-{suffix}", $"eng-cl-{suffix}", $"cust-cl-{suffix}");
        await EngineerAsync(engineerId, skill);
        await CustomerAsync(customerId);
        var (ticketId, link) = await TicketAsync(customerId, skill);
        using var dispatcher = await app.App.ClientAsAsync("dispatcher");
        // The only engineer with the test's skill is offered the job by dispatch itself.
        await Testing.Eventually.Until(() => dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}"),
            t => t.GetProperty("status").GetString() == "Offered", TimeSpan.FromSeconds(30), "the offer");
        using var engineer = await app.App.ClientAsAsync("engineer", engineerId);
        await EnsureAsync(await engineer.PostAsync($"/api/tickets/{ticketId}/accept", Json("{}")));
        await EnsureAsync(await engineer.PostAsync($"/api/tickets/{ticketId}/en-route", Json("{}")));

        await using var phone = await app.OpenAsync(link, output, "customer", width: 390, height: 844);
        var page = phone.Page;
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Your engineer is on the way.");
        await Assertions.Expect(page.GetByTestId("engineer")).ToHaveTextAsync("Your engineer: Wang");
        await Assertions.Expect(page.GetByTestId("eta")).ToContainTextAsync("Expected around");
        await Assertions.Expect(page.GetByTestId("marker-engineer")).ToBeVisibleAsync();
        Assert.DoesNotContain(link, page.Url, StringComparison.Ordinal); // the token moved into the fragment
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserAppFixture.ScreenshotFolder, "customer-on-the-way.png") });

        await EnsureAsync(await engineer.PostAsync($"/api/tickets/{ticketId}/on-site", Json("{}")));
        await EnsureAsync(await engineer.PostAsync($"/api/tickets/{ticketId}/resolved", Json("""{"notes": "replaced the relay"}""")));
        await page.GetByTestId("confirm-done").ClickAsync();
        await Assertions.Expect(page.GetByTestId("survey")).ToBeVisibleAsync();

        await page.GetByTestId("survey-send").ClickAsync();
        await Assertions.Expect(page.GetByTestId("error")).ToContainTextAsync("csat");
        await page.GetByTestId("csat-5").ClickAsync();
        await page.GetByTestId("nps-9").ClickAsync();
        await page.GetByTestId("ces-6").ClickAsync();
        await page.GetByTestId("survey-comment").FillAsync("Quick and friendly");
        await page.GetByTestId("survey-send").ClickAsync();
        await Assertions.Expect(page.GetByTestId("thanks")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("survey")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserAppFixture.ScreenshotFolder, "customer-thanks.png") });

        var ticket = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}");
        Assert.Contains(ticket.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("what").GetString() == "ticket.completion-confirmed");
        Assert.Equal(6, ticket.GetProperty("survey").GetProperty("ces").GetInt32());
        Assert.Empty(phone.PageErrors);
    }

    [Fact]
    public async Task A_forged_link_shows_nothing()
    {
        await using var phone = await app.OpenAsync("/customer.html#t-forged.AAAAAAAAAAAAAAAAAAAAAA", output, "customer-forged", width: 390, height: 844);
        await Assertions.Expect(phone.Page.GetByTestId("gone")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Page.GetByTestId("ticket")).ToBeHiddenAsync();
    }

    private async Task EngineerAsync(string id, string skill)
    {
        using (var admin = await app.App.ClientAsAsync("admin"))
        {
            await EnsureAsync(await admin.PutAsync($"/api/skills/{skill}", Json($$"""{"name": "Customer page test {{skill}}"}""")));
        }
        using var dispatcher = await app.App.ClientAsAsync("dispatcher");
        await EnsureAsync(await dispatcher.PutAsync($"/api/engineers/{id}", Json($$"""
            {"name": "Wang Wei", "skills": {"{{skill}}": 90}, "homeBase": {"lat": {{N(Lat + 0.03)}}, "lon": {{N(Lon)}}}, "capacity": 1}
            """)));
        using var engineer = await app.App.ClientAsAsync("engineer", id);
        await EnsureAsync(await engineer.PostAsync($"/api/engineers/{id}/status", Json("""{"status":"Available"}""")));
        var at = DateTimeOffset.UtcNow.ToString("O");
        await EnsureAsync(await engineer.PostAsync($"/api/engineers/{id}/position", Json($$"""{"lat": {{N(Lat + 0.03)}}, "lon": {{N(Lon)}}, "at": "{{at}}", "accuracy": 8}""")));
    }

    private async Task CustomerAsync(string id)
    {
        using var dispatcher = await app.App.ClientAsAsync("dispatcher");
        await EnsureAsync(await dispatcher.PutAsync($"/api/customers/{id}", Json("""{"name": "Riverside Bakery", "tier": "standard", "sites": []}""")));
    }

    private async Task<(string Id, string Link)> TicketAsync(string customerId, string skill)
    {
        using var intake = await app.App.ClientAsAsync("intake");
        var response = await intake.PostAsync("/api/tickets", Json($$"""
            {"customerId": "{{customerId}}", "title": "Oven does not heat", "serviceType": "repair", "priority": "P3",
             "location": {"lat": {{N(Lat)}}, "lon": {{N(Lon)}}}, "requiredSkills": ["{{skill}}"], "channel": "web"}
            """));
        await EnsureAsync(response);
        var ticket = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (ticket.GetProperty("id").GetString()!, ticket.GetProperty("customerLink").GetString()!);
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
