using Microsoft.Playwright;

namespace Dispatch.Browser.Tests;

public sealed partial class FieldAppBrowserTests
{
    [Fact]
    public async Task A_new_offer_vibrates_the_open_app_and_the_mute_button_silences_it()
    {
        var (engineerId, skill, customerId) = await WorldAsync("alert");
        using (var dispatcher = await app.App.ClientAsAsync("dispatcher"))
        {
            // Room for a second job, so that a second offer follows the first.
            await EnsureAsync(await dispatcher.PutAsync($"/api/engineers/{engineerId}", Json($$"""
                {"name": "Li Na", "skills": {"{{skill}}": 90}, "homeBase": {"lat": {{N(Lat + 0.002)}}, "lon": {{N(Lon)}}}, "capacity": 2}
                """)));
        }
        await using var phone = await SignInAsync(engineerId, "field-alert");
        var page = phone.Page;
        // The phone's vibration motor, as the page calls it.
        await page.AddInitScriptAsync("window.__vibrations = []; navigator.vibrate = pattern => { window.__vibrations.push(pattern); return true; };");
        await page.ReloadAsync();
        await page.Locator("[data-testid=connection][data-state=connected]").WaitForAsync();

        await page.GetByTestId("mute").ClickAsync();
        Assert.Equal("true", await page.GetByTestId("mute").GetAttributeAsync("aria-pressed"));
        var muted = await TicketAsync(customerId, skill, "repair");
        await page.Locator($"[data-testid=offer-card][data-ticket-id='{muted}']").WaitForAsync();
        await page.GetByTestId("offer-accept").ClickAsync();
        await page.Locator($"[data-testid=job-card][data-ticket-id='{muted}']").WaitForAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("window.__vibrations.length"));

        await page.GetByTestId("mute").ClickAsync();
        Assert.Equal("false", await page.GetByTestId("mute").GetAttributeAsync("aria-pressed"));
        var heard = await TicketAsync(customerId, skill, "repair");
        await page.Locator($"[data-testid=offer-card][data-ticket-id='{heard}']").WaitForAsync();
        await page.WaitForFunctionAsync("window.__vibrations.length > 0");
        var pattern = await page.EvaluateAsync<int[]>("window.__vibrations[0]");
        Assert.Equal("300,120,300", string.Join(",", pattern));
        Assert.Empty(phone.PageErrors);
    }
}
