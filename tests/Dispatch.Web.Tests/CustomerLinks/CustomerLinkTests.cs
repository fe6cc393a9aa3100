using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Tickets;
using Dispatch.Testing;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.CustomerLinks;

public sealed class CustomerLinkTests(CustomerLinkFixture app) : IClassFixture<CustomerLinkFixture>
{
    [Fact]
    public async Task The_intake_answer_and_the_dispatchers_view_carry_a_link_that_opens_only_the_public_view()
    {
        var (id, link) = await app.TicketAsync();
        using var dispatcher = await app.ClientAsAsync("dispatcher");
        var ticket = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}");
        Assert.Equal(link, ticket.GetProperty("customerLink").GetString());
        Assert.StartsWith($"/t/{id}.", link, StringComparison.Ordinal);

        using var customer = app.Customer();
        var page = await customer.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal($"/customer.html#{Uri.EscapeDataString(link["/t/".Length..])}", page.Headers.Location!.OriginalString);

        var status = await customer.GetAsync(link + "/status");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal("no-store", status.Headers.CacheControl!.ToString());
        var view = await status.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, view.GetProperty("reference").GetString());
        Assert.Equal("received", view.GetProperty("stage").GetString());
        Assert.False(view.GetProperty("canConfirm").GetBoolean());
        // Nothing of the dispatcher's view: no SLA, no timeline, no customer id.
        foreach (var secret in new[] { "sla", "timeline", "customerId", "slaPolicyId", "description", "customerLink" })
        {
            Assert.False(view.TryGetProperty(secret, out _), $"the public view shows {secret}");
        }
    }

    [Fact]
    public async Task Forged_altered_and_another_tickets_links_all_get_the_same_404()
    {
        var (id, link) = await app.TicketAsync();
        var (otherId, otherLink) = await app.TicketAsync();
        var signature = link[(link.LastIndexOf('.') + 1)..];
        var otherSignature = otherLink[(otherLink.LastIndexOf('.') + 1)..];
        string[] refused =
        [
            $"/t/{id}.{new string('A', signature.Length)}", // forged
            $"/t/{id}.{Flip(signature)}", // one character altered
            $"/t/{id}.{signature[..^2]}", // cut short
            $"/t/{id}.{otherSignature}", // another ticket's signature
            $"/t/{otherId}.{signature}", // this signature on another ticket
            $"/t/t-doesnotexist.{signature}",
            $"/t/{id}",
            "/t/nothing-at-all",
        ];
        using var customer = app.Customer();
        var bodies = new HashSet<string>();
        foreach (var path in refused)
        {
            foreach (var response in new[]
            {
                await customer.GetAsync(path),
                await customer.GetAsync(path + "/status"),
                await customer.PostAsync(path + "/confirm", Json("{}")),
                await customer.PostAsync(path + "/survey", Json("""{"csat": 5}""")),
            })
            {
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
                bodies.Add(Normalised(await response.Content.ReadAsStringAsync()));
            }
        }
        // The same words every time: nothing says whether a ticket exists or whose it is.
        Assert.Single(bodies, b => b.Length > 0);
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync(link + "/status")).StatusCode);
    }

    [Fact]
    public async Task A_link_opens_until_the_window_after_its_ticket_closed_and_never_after()
    {
        var (_, link) = await app.ResolvedTicketAsync();
        using var customer = app.Customer();
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync(link + "/survey", Json("""{"csat": 5, "nps": 10}"""))).StatusCode);
        var closed = await customer.GetFromJsonAsync<JsonElement>(link + "/status");
        Assert.Equal("closed", closed.GetProperty("stage").GetString());

        app.Clock.Advance(TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync(link + "/status")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync(link + "/status")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task Confirming_a_resolved_job_records_CompletionConfirmed_once()
    {
        var (openId, openLink) = await app.TicketAsync();
        using var customer = app.Customer();
        Assert.Equal(HttpStatusCode.Conflict, (await customer.PostAsync(openLink + "/confirm", Json("{}"))).StatusCode);

        var (id, link) = await app.ResolvedTicketAsync();
        var before = await customer.GetFromJsonAsync<JsonElement>(link + "/status");
        Assert.True(before.GetProperty("canConfirm").GetBoolean());

        var confirmed = await customer.PostAsync(link + "/confirm", Json("{}"));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var view = await confirmed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(view.GetProperty("confirmed").GetBoolean());
        Assert.False(view.GetProperty("canConfirm").GetBoolean());
        Assert.True(view.GetProperty("canTakeSurvey").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync(link + "/confirm", Json("{}"))).StatusCode);

        using var dispatcher = await app.ClientAsAsync("dispatcher");
        var ticket = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}");
        var entries = ticket.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("what").GetString() == "ticket.completion-confirmed").ToList();
        var entry = Assert.Single(entries);
        Assert.Equal("customer", entry.GetProperty("role").GetString());
        Assert.Equal("Resolved", ticket.GetProperty("status").GetString());
        var untouched = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{openId}");
        Assert.DoesNotContain(untouched.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("what").GetString() == "ticket.completion-confirmed");
    }

    [Fact]
    public async Task Not_done_reopens_the_ticket_within_its_reopen_window_and_not_after()
    {
        var (id, link) = await app.ResolvedTicketAsync();
        using var customer = app.Customer();
        var reopened = await customer.PostAsync(link + "/not-done", Json("""{"comment": "still alarming"}"""));
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        var view = await reopened.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("received", view.GetProperty("stage").GetString());
        Assert.False(view.GetProperty("canConfirm").GetBoolean());
        using var dispatcher = await app.ClientAsAsync("dispatcher");
        var ticket = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}");
        var entry = ticket.GetProperty("timeline").EnumerateArray().Last();
        Assert.Equal("ticket.reopened", entry.GetProperty("what").GetString());
        Assert.Equal("customer", entry.GetProperty("role").GetString());
        Assert.Contains("still alarming", entry.GetProperty("why").GetString(), StringComparison.Ordinal);

        var (lateId, lateLink) = await app.ResolvedTicketAsync();
        app.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var late = await customer.PostAsync(lateLink + "/not-done", Json("{}"));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.DoesNotContain((await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{lateId}")).GetProperty("timeline").EnumerateArray(),
            e => e.GetProperty("what").GetString() == "ticket.reopened");
    }

    public static TheoryData<string, string> BadSurveys() => new()
    {
        { "csat", """{"nps": 9}""" },
        { "csat", """{"csat": 0}""" },
        { "csat", """{"csat": 6}""" },
        { "nps", """{"csat": 4, "nps": 11}""" },
        { "nps", """{"csat": 4, "nps": -1}""" },
        { "ces", """{"csat": 4, "ces": 0}""" },
        { "ces", """{"csat": 4, "ces": 8}""" },
        { "ces", """{"csat": 4, "ces": "7"}""" },
        { "comment", """{"csat": 4, "comment": "bad\u0000byte"}""" },
        { "blamedStage", """{"csat": 4, "blamedStage": "dispatch"}""" },
    };

    [Theory]
    [MemberData(nameof(BadSurveys))]
    public async Task A_bad_survey_gets_a_400_naming_the_field_and_changes_nothing(string field, string body)
    {
        var (id, link) = await app.ResolvedTicketAsync();
        using var customer = app.Customer();

        var response = await customer.PostAsync(link + "/survey", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for {field}: {problem}");
        var ticket = await app.Grains.GetGrain<ITicketGrain>(id).GetView();
        Assert.Null(ticket!.Survey);
        Assert.Equal(TicketStatus.Resolved, ticket.Status);
    }

    [Fact]
    public async Task Negative_feedback_opens_a_follow_up_owned_by_supervisors_on_a_48_hour_clock()
    {
        var (happyId, happyLink) = await app.ResolvedTicketAsync();
        var (id, link) = await app.ResolvedTicketAsync();
        using var customer = app.Customer();
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync(happyLink + "/survey", Json("""{"csat": 4, "nps": 9, "ces": 6}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync(link + "/confirm", Json("{}"))).StatusCode);
        var answered = await customer.PostAsync(link + "/survey", Json("""{"csat": 2, "nps": 8, "ces": 3, "comment": "took three visits"}"""));
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.True((await answered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("surveyed").GetBoolean());
        var surveyed = await app.Grains.GetGrain<ITicketGrain>(id).GetView();
        Assert.Equal(3, surveyed!.Survey!.Ces);

        var followUpGrain = app.Grains.GetGrain<ITicketGrain>(TicketGrain.FeedbackFollowUpId(id));
        var followUp = await Eventually.Until(followUpGrain.GetView, v => v is not null, TimeSpan.FromSeconds(20), "the follow-up");
        Assert.Equal("feedback", followUp!.ServiceType);
        Assert.Equal("feedback-follow-up", followUp.SlaPolicyId);
        Assert.Equal(id, followUp.ExternalId);
        Assert.Contains("Owner: supervisor", followUp.Description, StringComparison.Ordinal);
        Assert.Contains("took three visits", followUp.Description, StringComparison.Ordinal);
        var resolution = Assert.Single(followUp.Sla, c => c.Metric == "resolution");
        Assert.Equal(TimeSpan.FromHours(48), resolution.Target);
        Assert.Equal(followUp.CreatedAt + TimeSpan.FromHours(48), resolution.DueAt);
        Assert.Null(await app.Grains.GetGrain<ITicketGrain>(TicketGrain.FeedbackFollowUpId(happyId)).GetView());

        // 24 hours without a solution: the owner is told, on the same SLA machinery as every ticket.
        app.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        var warned = await Eventually.Until(followUpGrain.GetView, v => v!.Timeline.Any(e => e.What == "sla.warning"), TimeSpan.FromSeconds(20), "the 24-hour warning");
        Assert.Equal("warning", warned!.Sla.Single(c => c.Metric == "resolution").State);
    }

    private static string Flip(string signature) => (signature[0] == 'A' ? 'B' : 'A') + signature[1..];

    /// <summary>A problem's body without its trace id, which differs per request.</summary>
    private static string Normalised(string body) =>
        body.Length == 0 ? body : string.Join(",", JsonDocument.Parse(body).RootElement.EnumerateObject().Where(p => p.Name != "traceId").Select(p => p.ToString()));
}
