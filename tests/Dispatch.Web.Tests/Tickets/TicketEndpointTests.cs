using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatch.Web.Tests.Infrastructure;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Tickets;

public sealed class TicketEndpointTests(WebClusterFixture cluster) : IClassFixture<WebClusterFixture>
{
    public static TheoryData<string, string> BadBodies() => new()
    {
        { "customerId", """{"customerId": null}""" },
        { "customerId", """{"customerId": "no spaces allowed"}""" },
        { "customerId", """{"customerId": "nobody-we-know"}""" },
        { "title", """{"title": ""}""" },
        { "title", $$"""{"title": "{{new string('x', 201)}}"}""" },
        { "description", $$"""{"description": "{{new string('x', 4001)}}"}""" },
        { "serviceType", """{"serviceType": "plumbing-on-mars"}""" },
        { "priority", """{"priority": "P9"}""" },
        { "priority", """{"priority": 1}""" },
        { "channel", """{"channel": "pigeon"}""" },
        { "location", """{"location": null}""" },
        { "location.lat", """{"location": {"lat": 91, "lon": 0}}""" },
        { "location.lon", """{"location": {"lat": 0, "lon": -180.5}}""" },
        { "location.lat", """{"location": {"lat": "NaN", "lon": 0}}""" },
        { "location.lon", """{"location": {"lat": 0}}""" },
        { "location.lat", """{"location": {"lat": "45", "lon": 0}}""" },
        { "requiredSkills[1]", """{"requiredSkills": ["hvac", ""]}""" },
        { "requiredSkills", """{"requiredSkills": "hvac"}""" },
        { "externalId", $$"""{"externalId": "{{new string('x', 101)}}"}""" },
        { "sneaky", """{"sneaky": true}""" },
        { "location.altitude", """{"location": {"lat": 1, "lon": 1, "altitude": 5}}""" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Each_bad_field_gets_a_400_naming_it_and_creates_nothing(string field, string patch)
    {
        var customer = await CustomerAsync();
        using var intake = await cluster.App.ClientAsAsync("intake");
        var body = TicketBodies.Valid(customer);
        foreach (var (key, value) in JsonNode.Parse(patch)!.AsObject())
        {
            body[key] = value?.DeepClone();
        }
        var createdBefore = await TicketsCreatedAsync();

        var response = await intake.PostAsync("/api/tickets", Json(body.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for {field}: {problem}");
        Assert.Equal(createdBefore, await TicketsCreatedAsync());
    }

    [Fact]
    public async Task A_ticket_is_created_read_back_and_explained()
    {
        var customer = await CustomerAsync();
        using var intake = await cluster.App.ClientAsAsync("intake");
        var response = await intake.PostAsync("/api/tickets", Json(TicketBodies.Valid(customer).ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal($"/api/tickets/{id}", response.Headers.Location!.OriginalString);

        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var ticket = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}");
        Assert.Equal("Dispatching", ticket.GetProperty("status").GetString());
        Assert.Equal("P2", ticket.GetProperty("priority").GetString());
        Assert.Equal(customer, ticket.GetProperty("customerId").GetString());
        Assert.Equal(0, ticket.GetProperty("escalationLevel").GetInt32());
        Assert.Equal(JsonValueKind.Null, ticket.GetProperty("assignedEngineerId").ValueKind);
        var metrics = ticket.GetProperty("sla").EnumerateArray().Select(c => c.GetProperty("metric").GetString()).ToList();
        Assert.Equal(["response", "accept", "arrival", "resolution"], metrics);
        foreach (var clock in ticket.GetProperty("sla").EnumerateArray())
        {
            foreach (var field in new[] { "target", "dueAt", "elapsed", "remaining", "state" })
            {
                Assert.True(clock.TryGetProperty(field, out _), field);
            }
        }
        Assert.Equal("ticket.created", ticket.GetProperty("timeline")[0].GetProperty("what").GetString());
        Assert.Equal("intake", ticket.GetProperty("timeline")[0].GetProperty("role").GetString());

        var explanation = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}/sla/explain");
        Assert.Equal("high", explanation.GetProperty("policyId").GetString());
        var response0 = explanation.GetProperty("clocks")[0];
        Assert.Equal("response", response0.GetProperty("clock").GetProperty("metric").GetString());
        Assert.True(response0.TryGetProperty("counted", out _));
        Assert.True(response0.TryGetProperty("calendarGaps", out _));
    }

    [Fact]
    public async Task Twenty_concurrent_identical_posts_give_one_ticket()
    {
        var customer = await CustomerAsync();
        using var intake = await cluster.App.ClientAsAsync("intake");
        var body = TicketBodies.Valid(customer, externalId: "CRM-" + Guid.NewGuid()).ToJsonString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => intake.PostAsync("/api/tickets", Json(body))));

        var ids = new HashSet<string>();
        foreach (var response in responses)
        {
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, response.StatusCode.ToString());
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }
        Assert.Single(ids);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1L, await cluster.Database.QueryScalarAsync<long>(
            $"SELECT count(*) FROM dispatch_events WHERE stream = 'ticket:{ids.Single()}' AND type = 'ticket.created'"));
    }

    [Fact]
    public async Task The_idempotency_key_header_also_gives_one_ticket()
    {
        var customer = await CustomerAsync();
        using var intake = await cluster.App.ClientAsAsync("intake");
        var key = Guid.NewGuid().ToString();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = Json(TicketBodies.Valid(customer).ToJsonString()) };
            request.Headers.Add("Idempotency-Key", key);
            var response = await intake.SendAsync(request);
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }
        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task An_impossible_transition_is_409_and_changes_nothing()
    {
        var id = await OpenAsync();
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var before = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}");

        var resume = await dispatcher.PostAsync($"/api/tickets/{id}/resume", Json("{}"));
        Assert.Equal(HttpStatusCode.Conflict, resume.StatusCode);
        var reopen = await dispatcher.PostAsync($"/api/tickets/{id}/reopen", Json("""{"reason": "customer called again"}"""));
        Assert.Equal(HttpStatusCode.Conflict, reopen.StatusCode);

        var after = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}");
        Assert.Equal(before.GetProperty("status").GetString(), after.GetProperty("status").GetString());
        Assert.Equal(before.GetProperty("timeline").GetArrayLength(), after.GetProperty("timeline").GetArrayLength());
    }

    [Fact]
    public async Task Intake_triages_and_dispatches_by_itself_and_wait_resume_cancel_go_on_the_timeline_with_who_and_why()
    {
        var id = await OpenAsync();
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        Assert.Equal(HttpStatusCode.Conflict, (await dispatcher.PostAsync($"/api/tickets/{id}/triage", Json("""{"note": "compressor fault"}"""))).StatusCode);
        var unknownReason = await dispatcher.PostAsync($"/api/tickets/{id}/wait", Json("""{"reason": "lunch"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, unknownReason.StatusCode);
        Assert.True((await unknownReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.OK, (await dispatcher.PostAsync($"/api/tickets/{id}/wait", Json("""{"reason": "waitingForParts"}"""))).StatusCode);
        var resumed = await dispatcher.PostAsync($"/api/tickets/{id}/resume", Json("{}"));
        Assert.Equal("Dispatching", (await resumed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var cancelled = await dispatcher.PostAsync($"/api/tickets/{id}/cancel", Json("""{"reason": "duplicate of another ticket"}"""));
        var ticket = await cancelled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Cancelled", ticket.GetProperty("status").GetString());

        var whats = ticket.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("what").GetString()).ToList();
        Assert.Equal(["ticket.created", "ticket.triaged", "ticket.dispatching", "ticket.waiting", "ticket.resumed", "ticket.cancelled"], whats);
        Assert.Equal("system", ticket.GetProperty("timeline")[1].GetProperty("role").GetString());
        var wait = ticket.GetProperty("timeline")[3];
        Assert.Equal("waitingForParts", wait.GetProperty("why").GetString());
        Assert.Equal("dispatcher", wait.GetProperty("role").GetString());
        Assert.Equal("dev-dispatcher", wait.GetProperty("by").GetString());
    }

    [Fact]
    public async Task A_consultation_is_resolved_surveyed_and_closed()
    {
        var id = await OpenAsync(serviceType: "consultation");
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        using var intake = await cluster.App.ClientAsAsync("intake");
        Assert.Equal(HttpStatusCode.OK, (await dispatcher.PostAsync($"/api/tickets/{id}/resolve", Json("""{"notes": "explained the reset procedure"}"""))).StatusCode);

        var badSurvey = await intake.PostAsync($"/api/tickets/{id}/survey", Json("""{"csat": 6}"""));
        Assert.Equal(HttpStatusCode.BadRequest, badSurvey.StatusCode);
        var survey = await intake.PostAsync($"/api/tickets/{id}/survey", Json("""{"csat": 4, "nps": 9, "comment": "quick and clear"}"""));
        Assert.Equal(HttpStatusCode.OK, survey.StatusCode);
        var ticket = await survey.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Closed", ticket.GetProperty("status").GetString());
        Assert.Equal(4, ticket.GetProperty("survey").GetProperty("csat").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await intake.PostAsync($"/api/tickets/{id}/survey", Json("""{"csat": 1}"""))).StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/tickets", "engineer")]
    [InlineData("POST", "/api/tickets", "supervisor")]
    [InlineData("GET", "/api/tickets/{id}", "engineer")]
    [InlineData("GET", "/api/tickets/{id}/sla/explain", "engineer")]
    [InlineData("POST", "/api/tickets/{id}/triage", "intake")]
    [InlineData("POST", "/api/tickets/{id}/wait", "engineer")]
    [InlineData("POST", "/api/tickets/{id}/resume", "intake")]
    [InlineData("POST", "/api/tickets/{id}/cancel", "intake")]
    [InlineData("POST", "/api/tickets/{id}/reopen", "engineer")]
    [InlineData("POST", "/api/tickets/{id}/resolve", "intake")]
    [InlineData("POST", "/api/tickets/{id}/survey", "engineer")]
    [InlineData("GET", "/api/sla/policies", "intake")]
    [InlineData("PUT", "/api/sla/policies/p", "dispatcher")]
    [InlineData("DELETE", "/api/sla/policies/p", "supervisor")]
    public async Task Roles_are_enforced_on_every_endpoint(string method, string path, string wrongRole)
    {
        var url = path.Replace("{id}", "t-0000", StringComparison.Ordinal);
        using var anonymous = cluster.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = Json("{}") })).StatusCode);
        using var wrong = await cluster.App.ClientAsAsync(wrongRole, wrongRole == "engineer" ? "eng-1" : null);
        Assert.Equal(HttpStatusCode.Forbidden, (await wrong.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = Json("{}") })).StatusCode);
    }

    [Fact]
    public async Task Admins_change_the_sla_book_and_a_bad_policy_is_refused_naming_the_field()
    {
        using var admin = await cluster.App.ClientAsAsync("admin");
        var bad = await admin.PutAsync("/api/sla/policies/gold", Json("""
            {"id": "gold", "name": "Gold", "match": {"tiers": ["gold"]},
             "targets": [{"metric": "response", "target": "00:20:00", "calendar": "no-such-calendar"}], "ladder": []}
            """));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("targets[0].calendar", out _));

        var good = await admin.PutAsync("/api/sla/policies/gold?position=0", Json("""
            {"id": "gold", "name": "Gold", "match": {"tiers": ["gold"]},
             "targets": [{"metric": "response", "target": "00:20:00", "calendar": "24x7"}],
             "ladder": [{"id": "breach", "kind": "breach", "percent": 100, "level": 1, "actions": [{"type": "alertRole", "role": "supervisor"}]}]}
            """));
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var book = await dispatcher.GetFromJsonAsync<JsonElement>("/api/sla/policies");
        Assert.Equal("gold", book.GetProperty("book").GetProperty("policies")[0].GetProperty("id").GetString());

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/api/sla/policies/gold")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/sla/policies/gold")).StatusCode);
    }

    private async Task<string> CustomerAsync()
    {
        var id = "cust-" + Guid.NewGuid().ToString("N")[..8];
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var response = await dispatcher.PutAsync($"/api/customers/{id}", Json("""
            {"name": "Acme Cold Chain", "tier": "standard", "sites": [{"id": "main", "name": "Warehouse", "lat": 31.2, "lon": 121.5}]}
            """));
        response.EnsureSuccessStatusCode();
        return id;
    }

    private async Task<string> OpenAsync(string serviceType = "repair")
    {
        var customer = await CustomerAsync();
        using var intake = await cluster.App.ClientAsAsync("intake");
        var body = TicketBodies.Valid(customer);
        body["serviceType"] = serviceType;
        var response = await intake.PostAsync("/api/tickets", Json(body.ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private Task<long> TicketsCreatedAsync() =>
        cluster.Database.QueryScalarAsync<long>("SELECT count(*) FROM dispatch_events WHERE type = 'ticket.created'");
}
