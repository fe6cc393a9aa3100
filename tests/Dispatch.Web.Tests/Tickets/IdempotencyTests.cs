using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatch.Web.Tests.Infrastructure;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Tickets;

/// <summary>
/// Intake keys (externalId, Idempotency-Key) belong to the caller, name one request, and give the caller's
/// tickets to nobody else.
/// </summary>
public sealed class IdempotencyTests(WebClusterFixture cluster) : IClassFixture<WebClusterFixture>
{
    [Fact]
    public async Task An_external_id_reused_with_another_body_is_422_naming_the_fields_and_changes_nothing()
    {
        var customer = await CustomerAsync();
        using var intake = await IntakeAsync(name: "erp-" + Guid.NewGuid().ToString("N")[..6]);
        var externalId = "CRM-" + Guid.NewGuid();
        var first = await intake.PostAsync("/api/tickets", Json(TicketBodies.Valid(customer, externalId).ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = await IdOf(first);

        var changed = TicketBodies.Valid(customer, externalId);
        changed["title"] = "Something else entirely";
        changed["priority"] = "P1";
        var again = await intake.PostAsync("/api/tickets", Json(changed.ToJsonString()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _), problem.ToString());
        Assert.True(errors.TryGetProperty("priority", out _), problem.ToString());
        Assert.False(errors.TryGetProperty("customerId", out _), problem.ToString());
        var ticket = await intake.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}");
        Assert.Equal("Chiller alarm in the server room", ticket.GetProperty("title").GetString());
        Assert.Equal("P2", ticket.GetProperty("priority").GetString());
        Assert.Equal(1L, await EventsAsync(id, "ticket.created"));
    }

    [Fact]
    public async Task The_same_body_again_answers_200_with_the_original_ticket_whatever_the_order_of_skills()
    {
        var customer = await CustomerAsync();
        using var intake = await IntakeAsync(name: "erp-" + Guid.NewGuid().ToString("N")[..6]);
        var externalId = "CRM-" + Guid.NewGuid();
        var first = await intake.PostAsync("/api/tickets", Json(TicketBodies.Valid(customer, externalId).ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var reordered = TicketBodies.Valid(customer, externalId);
        reordered["requiredSkills"] = new JsonArray("electrical", "hvac");
        var again = await intake.PostAsync("/api/tickets", Json(reordered.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(await IdOf(first), await IdOf(again));
    }

    [Fact]
    public async Task An_idempotency_key_reused_with_another_body_is_422_and_opens_nothing()
    {
        var customer = await CustomerAsync();
        using var intake = await IntakeAsync(name: "web-" + Guid.NewGuid().ToString("N")[..6]);
        var key = Guid.NewGuid().ToString();
        var first = await PostWithKeyAsync(intake, key, TicketBodies.Valid(customer).ToJsonString());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await CreatedCountAsync();

        var again = await PostWithKeyAsync(intake, key, TicketBodies.With(customer, b => b["description"] = "A different fault"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        var errors = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["description"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Equal(created, await CreatedCountAsync());
        var same = await PostWithKeyAsync(intake, key, TicketBodies.Valid(customer).ToJsonString());
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(await IdOf(first), await IdOf(same));
    }

    [Fact]
    public async Task Another_caller_sending_your_external_id_gets_a_ticket_of_its_own_and_cannot_read_yours()
    {
        var customer = await CustomerAsync();
        using var mine = await IntakeAsync(name: "erp-mine-" + Guid.NewGuid().ToString("N")[..6]);
        using var theirs = await IntakeAsync(name: "erp-theirs-" + Guid.NewGuid().ToString("N")[..6]);
        var externalId = "CRM-" + Guid.NewGuid();
        var body = TicketBodies.Valid(customer, externalId).ToJsonString();

        var myTicket = await mine.PostAsync("/api/tickets", Json(body));
        var theirTicket = await theirs.PostAsync("/api/tickets", Json(body));

        Assert.Equal(HttpStatusCode.Created, myTicket.StatusCode);
        Assert.Equal(HttpStatusCode.Created, theirTicket.StatusCode);
        var myId = await IdOf(myTicket);
        var theirId = await IdOf(theirTicket);
        Assert.NotEqual(myId, theirId);
        Assert.Equal(HttpStatusCode.NotFound, (await theirs.GetAsync($"/api/tickets/{myId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await theirs.GetAsync($"/api/tickets/{myId}/sla/explain")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await theirs.PostAsync($"/api/tickets/{myId}/survey", Json("""{"csat": 1}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mine.GetAsync($"/api/tickets/{myId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mine.GetAsync($"/api/tickets/{myId}/sla/explain")).StatusCode);
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        Assert.Equal(HttpStatusCode.OK, (await dispatcher.GetAsync($"/api/tickets/{myId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dispatcher.GetAsync($"/api/tickets/{theirId}")).StatusCode);
    }

    [Fact]
    public async Task Tokens_of_one_channel_share_its_keys_and_its_tickets()
    {
        var customer = await CustomerAsync();
        var channel = "erp-" + Guid.NewGuid().ToString("N")[..8];
        using var instanceA = await IntakeAsync(name: "erp-instance-a", channel: channel);
        using var instanceB = await IntakeAsync(name: "erp-instance-b", channel: channel);
        var body = TicketBodies.Valid(customer, "CRM-" + Guid.NewGuid()).ToJsonString();

        var first = await instanceA.PostAsync("/api/tickets", Json(body));
        var retried = await instanceB.PostAsync("/api/tickets", Json(body));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var id = await IdOf(first);
        Assert.Equal(id, await IdOf(retried));
        Assert.Equal(HttpStatusCode.OK, (await instanceB.GetAsync($"/api/tickets/{id}")).StatusCode);
        using var stranger = await IntakeAsync(name: "erp-instance-a");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/tickets/{id}")).StatusCode);
    }

    private async Task<HttpClient> IntakeAsync(string name, string? channel = null)
    {
        using var anonymous = cluster.App.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/dev/token", new { role = "intake", name, channel });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var client = cluster.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, string key, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = Json(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private static async Task<string> IdOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

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

    private Task<long> EventsAsync(string ticketId, string type) =>
        cluster.Database.QueryScalarAsync<long>($"SELECT count(*) FROM dispatch_events WHERE stream = 'ticket:{ticketId}' AND type = '{type}'");

    private Task<long> CreatedCountAsync() =>
        cluster.Database.QueryScalarAsync<long>("SELECT count(*) FROM dispatch_events WHERE type = 'ticket.created'");
}
