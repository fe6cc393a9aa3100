using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Resilience;

/// <summary>What callers see when PostgreSQL goes away, and when intake is beyond capacity.</summary>
public sealed class OutageTests
{
    [Fact]
    public async Task While_PostgreSQL_is_down_intake_fails_fast_with_503_writes_nothing_and_recovers_by_itself()
    {
        var cluster = new WebClusterFixture();
        await cluster.InitializeAsync();
        try
        {
            using var admin = await cluster.App.ClientAsAsync("admin");
            var customer = "cust-" + Guid.NewGuid().ToString("N")[..8];
            (await admin.PutAsync($"/api/customers/{customer}", Json("""{"name": "Acme", "tier": "standard", "sites": []}"""))).EnsureSuccessStatusCode();
            var externalId = "CRM-" + Guid.NewGuid();

            await cluster.Database.StopServerAsync();
            HttpResponseMessage during;
            try
            {
                during = await admin.PostAsync("/api/tickets", Json(Ticket(customer, externalId)));
                var problem = await during.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
                Assert.NotNull(during.Headers.RetryAfter);
                Assert.Contains("unavailable", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
            }
            finally
            {
                await cluster.Database.StartServerAsync();
            }

            // Service resumes by itself; the intake that failed left nothing behind, and its retry creates it once.
            var retried = await Eventually.Until(() => admin.PostAsync("/api/tickets", Json(Ticket(customer, externalId))),
                r => r.StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(60), "intake to work again");
            var id = (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            await Eventually.Until(() => cluster.Database.QueryScalarAsync<long>(
                $"SELECT count(*) FROM dispatch_events WHERE stream = 'ticket:{id}' AND type = 'ticket.created'"), n => n == 1, what: "the ticket in the event log");
            var again = await admin.PostAsync("/api/tickets", Json(Ticket(customer, externalId)));
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Intake_beyond_capacity_gets_429_with_retry_after_and_creates_nothing()
    {
        await using var database = await PrivatePostgres.StartAsync();
        var silo = await SiloHosts.StartAsync(database.ConnectionString, SiloHosts.SiloPorts.Free());
        try
        {
            await using var app = new DispatchWebApp(database.ConnectionString, settings: new Dictionary<string, string?>
            {
                ["Admission:Intake:Total"] = "1",
                ["Admission:Intake:Queue"] = "0",
            });
            using var admin = await app.ClientAsAsync("admin");
            var customer = "cust-" + Guid.NewGuid().ToString("N")[..8];
            (await admin.PutAsync($"/api/customers/{customer}", Json("""{"name": "Acme", "tier": "standard", "sites": []}"""))).EnsureSuccessStatusCode();

            var externalIds = Enumerable.Range(0, 30).Select(i => $"STORM-{i}-{Guid.NewGuid():N}").ToList();
            var responses = await Task.WhenAll(externalIds.Select(e => admin.PostAsync("/api/tickets", Json(Ticket(customer, e)))));

            var rejected = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            Assert.NotEmpty(rejected);
            Assert.All(rejected, r => Assert.NotNull(r.Headers.RetryAfter));
            Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.TooManyRequests, r.StatusCode.ToString()));
            var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
            Assert.Equal(created, await database.QueryScalarAsync<long>(
                $"SELECT count(*) FROM dispatch_events WHERE type = 'ticket.created' AND data->>'customerId' = '{customer}'"));
        }
        finally
        {
            await silo.StopAsync();
            silo.Dispose();
        }
    }

    private static string Ticket(string customer, string externalId) => $$"""
        {"customerId": "{{customer}}", "title": "Outage", "serviceType": "repair", "priority": "P2",
         "location": {"lat": 31.198, "lon": 121.4765}, "requiredSkills": ["hvac"], "channel": "api", "externalId": "{{externalId}}"}
        """;
}
