using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Dispatch.Browser.Tests.Infrastructure.BrowserAppData;

namespace Dispatch.Browser.Tests;

/// <summary>
/// The console's phone desk, on the shift tests' app: a dispatcher opens a ticket for a caller (customer found, site
/// picked, every bad field named beside it), reclassifies it in triage (skills), resolves a consultation on the phone, records the survey
/// taken by phone, reopens it and changes its priority.
/// </summary>
public sealed partial class ConsoleShiftTests
{
    [Fact]
    public async Task A_dispatcher_opens_a_ticket_for_a_caller_and_each_bad_field_is_named_beside_it()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var customerId = "cust-phone-" + tag;
        await CustomerAsync(customerId);
        await using var console = await SignedInConsoleAsync("console-intake");
        var page = console.Page;

        await page.GetByTestId("new-ticket").ClickAsync();
        var form = page.GetByTestId("intake-form");
        await form.WaitForAsync();

        // Sent empty: the customer, the title and the location are each named beside their field; nothing is opened.
        await page.GetByTestId("intake-submit").ClickAsync();
        await page.GetByTestId("intake-error-customerId").WaitForAsync();
        await page.GetByTestId("intake-error-title").WaitForAsync();
        await page.GetByTestId("intake-error-location").WaitForAsync();
        Assert.True(await page.GetByTestId("intake-error-customerId").EvaluateAsync<bool>(
            "e => e.closest('.field').querySelector('input[name=customerQuery]') !== null"));
        Assert.False(await page.GetByTestId("intake-error-serviceType").IsVisibleAsync());

        // The customer is found by id, the site fills the coordinates; a skill nobody has is named as requiredSkills.
        await page.GetByTestId("intake-customer-search").FillAsync(customerId);
        await page.Locator($"[data-testid=intake-customer-option][data-customer-id='{customerId}']").ClickAsync();
        // The site is asked for after the pick: wait for it to fill the form, then check what it filled.
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=intake-lat]').value !== ''");
        Assert.Equal("31.198", await page.GetByTestId("intake-lat").InputValueAsync());
        await page.GetByTestId("intake-service-type").SelectOptionAsync("consultation");
        await page.GetByTestId("intake-priority").SelectOptionAsync("P2");
        await page.GetByTestId("intake-title").FillAsync("Caller asks how to reset the chiller " + tag);
        await page.GetByTestId("intake-description").FillAsync("Alarm code E4 since this morning");
        await page.GetByTestId("intake-skills").FillAsync("no-such-skill-" + tag);
        await page.GetByTestId("intake-submit").ClickAsync();
        await page.Locator("[data-testid=intake-error-requiredSkills]:visible").WaitForAsync();
        Assert.False(await page.GetByTestId("intake-error-title").IsVisibleAsync());

        // Corrected: the ticket opens, from the phone channel, and its panel shows it.
        await page.GetByTestId("intake-skills").FillAsync("");
        await page.GetByTestId("intake-submit").ClickAsync();
        var title = page.Locator("[data-testid=ticket-panel-title]", new PageLocatorOptions { HasText = "reset the chiller " + tag });
        await title.WaitForAsync();
        var ticketId = (await title.InnerTextAsync()).Split(' ')[0];
        using var dispatcher = await app.App.ClientAsAsync("dispatcher");
        var ticket = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}");
        Assert.Equal("phone", ticket.GetProperty("channel").GetString());
        Assert.Equal(customerId, ticket.GetProperty("customerId").GetString());
        Assert.Equal("consultation", ticket.GetProperty("serviceType").GetString());
        Assert.Equal("P2", ticket.GetProperty("priority").GetString());
        await console.ScreenshotAsync("console-phone-intake.png");
        Assert.Empty(console.PageErrors);
    }

    [Fact]
    public async Task A_consultation_is_reclassified_resolved_on_the_phone_surveyed_by_phone_reopened_and_reprioritised()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var customerId = "cust-consult-" + tag;
        var skill = "meters-" + tag;
        await CustomerAsync(customerId);
        using (var admin = await app.App.ClientAsAsync("admin"))
        {
            await EnsureAsync(await admin.PutAsync($"/api/skills/{skill}", Json($$"""{"name": "Smart meters {{tag}}"}""")));
        }
        await using var console = await SignedInConsoleAsync("console-consult");
        var page = console.Page;
        string ticketId;
        using (var intake = await app.App.ClientAsAsync("intake"))
        {
            var response = await intake.PostAsync("/api/tickets", Json($$"""
                {"customerId": "{{customerId}}", "title": "How do I read the meter", "serviceType": "consultation", "priority": "P3",
                 "location": {"lat": {{N(Lat)}}, "lon": {{N(Lon)}}}, "channel": "phone"}
                """));
            await EnsureAsync(response);
            ticketId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }
        await page.EvaluateAsync("id => window.dispatchConsole.openTicket(id)", ticketId);
        var status = page.GetByTestId("ticket-panel-status");

        // Triaged at intake; triage corrects what it needs: a skill that is not in the catalogue is named, a known one kept.
        await page.Locator("[data-testid=ticket-panel-status][data-status=Triaged]").WaitForAsync();
        var reclassify = page.GetByTestId("action-reclassify");
        await reclassify.Locator("input[name=requiredSkills]").FillAsync("no-such-skill-" + tag);
        await reclassify.Locator("button[type=submit]").ClickAsync();
        await page.Locator("[data-testid=panel-error]", new PageLocatorOptions { HasText = "requiredSkills" }).WaitForAsync();
        await reclassify.Locator("input[name=requiredSkills]").FillAsync(skill);
        await reclassify.Locator("input[name=reason]").FillAsync("caller's meter is a smart meter");
        await reclassify.Locator("button[type=submit]").ClickAsync();
        await page.Locator("[data-testid=ticket-timeline] li[data-what='ticket.reclassified']").WaitForAsync();
        Assert.Equal("Triaged", await status.GetAttributeAsync("data-status"));

        await page.GetByTestId("action-resolve").Locator("input[name=notes]").FillAsync("explained the meter on the phone");
        await page.GetByTestId("action-resolve").Locator("button[type=submit]").ClickAsync();
        await page.Locator("[data-testid=ticket-panel-status][data-status=Resolved]").WaitForAsync();

        // A survey without its score is named (csat) beside the actions and records nothing.
        var surveyForm = page.GetByTestId("action-survey");
        await surveyForm.Locator("button[type=submit]").ClickAsync();
        await page.Locator("[data-testid=panel-error]", new PageLocatorOptions { HasText = "csat" }).WaitForAsync();
        Assert.Equal("Resolved", await status.GetAttributeAsync("data-status"));
        await surveyForm.Locator("select[name=csat]").SelectOptionAsync("4");
        await surveyForm.Locator("select[name=nps]").SelectOptionAsync("9");
        await surveyForm.Locator("input[name=comment]").FillAsync("quick and clear");
        await surveyForm.Locator("button[type=submit]").ClickAsync();
        await page.Locator("[data-testid=ticket-panel-status][data-status=Closed]").WaitForAsync();
        await page.GetByTestId("survey-recorded").WaitForAsync();

        // Reopening needs a reason; with one the ticket is open again and its priority can be raised.
        var reopen = page.GetByTestId("action-reopen");
        await reopen.Locator("button[type=submit]").ClickAsync();
        await page.Locator("[data-testid=panel-error]", new PageLocatorOptions { HasText = "reason" }).WaitForAsync();
        await reopen.Locator("input[name=reason]").FillAsync("customer called back: the meter still shows E4");
        await reopen.Locator("button[type=submit]").ClickAsync();
        await page.Locator("[data-testid=ticket-panel-status][data-status=Triaged]").WaitForAsync();
        // As a dispatcher would: the next action once this one says it is done (the live status may come first).
        await page.Locator("[data-testid=panel-notice]", new PageLocatorOptions { HasText = "done" }).WaitForAsync();
        var priority = page.GetByTestId("action-priority");
        await priority.Locator("select[name=priority]").SelectOptionAsync("P1");
        await priority.Locator("input[name=reason]").FillAsync("second call");
        await priority.Locator("button[type=submit]").ClickAsync();
        await page.Locator("[data-testid=ticket-timeline] li[data-what='ticket.reopened']").WaitForAsync();
        await page.Locator("[data-testid=ticket-timeline] li[data-what='ticket.priority-changed']").WaitForAsync();

        using var dispatcher = await app.App.ClientAsAsync("dispatcher");
        var ticket = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}");
        // Reopening starts a new round (its survey is asked afresh); the one taken by phone stays in the timeline.
        var survey = ticket.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("what").GetString() == "ticket.survey");
        Assert.Equal("4", survey.GetProperty("details").GetProperty("csat").GetString());
        Assert.Equal("Triaged", ticket.GetProperty("status").GetString());
        Assert.Equal("P1", ticket.GetProperty("priority").GetString());
        Assert.Equal(skill, ticket.GetProperty("requiredSkills")[0].GetString());
        Assert.Empty(console.PageErrors);
    }
}
