using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Web.Tests.Infrastructure;

namespace Dispatch.Web.Tests.Field;

public sealed partial class FieldAppTests
{
    [Fact]
    public async Task A_required_checklist_step_or_a_missing_fault_code_blocks_resolving_and_a_full_report_lands_on_the_timeline()
    {
        var (engineer, ticketId) = await OnSiteJobAsync("maintenance");

        var bare = await PostAsync(engineer, $"/api/tickets/{ticketId}/resolved", """{"notes":"done"}""");
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        var bareProblem = await bare.Content.ReadFromJsonAsync<JsonElement>();
        var why = bareProblem.GetProperty("errors").GetProperty("report")[0].GetString()!;
        Assert.Contains("power-isolated", why);
        Assert.Contains("fault code", why);

        var skipped = await PostAsync(engineer, $"/api/tickets/{ticketId}/resolved",
            """{"notes":"done","report":{"checksDone":["power-isolated","filters-replaced"],"faultCode":"WEAR"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, skipped.StatusCode);
        var skippedWhy = (await skipped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("report")[0].GetString()!;
        Assert.Contains("area-cleaned", skippedWhy);
        Assert.DoesNotContain("power-isolated", skippedWhy);

        var unknown = await PostAsync(engineer, $"/api/tickets/{ticketId}/resolved",
            """{"report":{"checksDone":["power-isolated","filters-replaced","area-cleaned","no-such-step"],"faultCode":"OOPS"},"partsUsed":["unobtainium"]}""");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var errors = (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("report.faultCode", out _));
        Assert.True(errors.TryGetProperty("report.checksDone[3]", out _));
        Assert.True(errors.TryGetProperty("partsUsed[0]", out _));

        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        Assert.Equal("OnSite", (await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}")).GetProperty("status").GetString());

        var photo = await UploadAsync(engineer, ticketId, new byte[20_000], "image/jpeg");
        Assert.Equal(HttpStatusCode.Created, photo.StatusCode);
        var photoId = (await photo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var signature = await UploadAsync(engineer, ticketId, new byte[3_000], "image/png", "signature");
        var signatureId = (await signature.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var resolved = await PostAsync(engineer, $"/api/tickets/{ticketId}/resolved", $$$"""
            {"notes":"filters replaced","partsUsed":["filter-std"],
             "report":{"checksDone":["power-isolated","filters-replaced","area-cleaned"],"faultCode":"WEAR","photoIds":["{{{photoId}}}"],"signatureId":"{{{signatureId}}}"}}
            """);
        Assert.True(resolved.StatusCode == HttpStatusCode.OK, await resolved.Content.ReadAsStringAsync());
        var ticket = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}");
        var entry = ticket.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("to").GetString() == "Resolved");
        var details = entry.GetProperty("details");
        Assert.Equal("WEAR", details.GetProperty("report.faultCode").GetString());
        Assert.Equal("power-isolated,filters-replaced,area-cleaned", details.GetProperty("report.checks").GetString());
        Assert.Equal(photoId, details.GetProperty("report.photos").GetString());
        Assert.Equal(signatureId, details.GetProperty("report.signature").GetString());
        Assert.Equal("filter-std", details.GetProperty("report.parts").GetString());
        var stored = await dispatcher.GetAsync($"/api/tickets/{ticketId}/photos/{photoId}");
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal(20_000, (await stored.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task A_photo_above_the_limit_or_not_an_image_or_not_for_your_job_is_refused_with_a_clear_message_and_not_stored()
    {
        var (engineer, ticketId) = await OnSiteJobAsync("repair");

        var tooBig = await UploadAsync(engineer, ticketId, new byte[600 * 1024], "image/jpeg");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        var problem = await tooBig.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The photo is too large", problem.GetProperty("title").GetString());
        Assert.Contains("at most 512 KB", problem.GetProperty("detail").GetString());
        Assert.Equal(512 * 1024, problem.GetProperty("maxBytes").GetInt32());

        var huge = await UploadAsync(engineer, ticketId, new byte[2 * 1024 * 1024], "image/jpeg");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await UploadAsync(engineer, ticketId, new byte[100], "text/plain")).StatusCode);

        using var stranger = await cluster.App.ClientAsAsync("engineer", NewId("eng-x"));
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(stranger, ticketId, new byte[100], "image/jpeg")).StatusCode);

        // Nothing of the refused uploads was kept: a made-up id is refused in the report, and six photos still fit.
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await UploadAsync(engineer, ticketId, new byte[1_000], "image/jpeg")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Conflict, (await UploadAsync(engineer, ticketId, new byte[1_000], "image/jpeg")).StatusCode);
        var madeUp = await PostAsync(engineer, $"/api/tickets/{ticketId}/resolved", $$$"""{"report":{"photoIds":["{{{Guid.NewGuid()}}}"]}}""");
        Assert.Equal(HttpStatusCode.BadRequest, madeUp.StatusCode);
        Assert.True((await madeUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("report.photoIds[0]", out _));
    }

    [Fact]
    public async Task A_hand_assigned_offer_carries_the_engineers_distance_and_eta()
    {
        var skill = NewId("s");
        var id = NewId("eng-hand");
        var customer = NewId("cust");
        await CustomerAsync(customer, "Hand Assigned Ltd");
        using (var admin = await cluster.App.ClientAsAsync("admin"))
        {
            await admin.AddSkillAsync(skill);
        }
        var ticketId = await TicketAsync(customer, skill);
        // The engineer lacks the ticket's skill, so the engine never offers it to them: a dispatcher sends them by hand.
        await EngineerAsync(id, NewId("other"), Lat + 0.02); // about 2.2 km north
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var assign = await dispatcher.PostAsync($"/api/tickets/{ticketId}/assign",
            JsonBody.Json($$"""{"engineerId":"{{id}}","reason":"knows the site"}"""));
        Assert.True(assign.IsSuccessStatusCode, await assign.Content.ReadAsStringAsync());
        using var engineer = await cluster.App.ClientAsAsync("engineer", id);
        var work = await Testing.Eventually.Until(() => engineer.GetFromJsonAsync<JsonElement>($"/api/engineers/{id}/work"),
            w => w.GetProperty("offer").ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(30), "the offer");
        var details = work.GetProperty("offer").GetProperty("details");
        Assert.InRange(details.GetProperty("distanceMeters").GetDouble(), 2_000, 2_500);
        Assert.NotEqual("00:00:00", details.GetProperty("eta").GetString());
    }

    private async Task<(HttpClient Engineer, string TicketId)> OnSiteJobAsync(string serviceType)
    {
        var skill = NewId("s");
        var id = NewId("eng-r");
        var customer = NewId("cust");
        await EngineerAsync(id, skill, Lat + 0.001);
        await CustomerAsync(customer, "Report Co");
        var ticketId = await TicketAsync(customer, skill, serviceType);
        await OfferedToAsync(ticketId, id);
        var engineer = await cluster.App.ClientAsAsync("engineer", id);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(engineer, $"/api/tickets/{ticketId}/accept", "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(engineer, $"/api/tickets/{ticketId}/on-site", "{}")).StatusCode);
        return (engineer, ticketId);
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string ticketId, byte[] bytes, string contentType, string kind = "photo")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return client.PostAsync($"/api/tickets/{ticketId}/photos?kind={kind}", content);
    }
}
