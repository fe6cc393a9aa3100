using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Dispatch.Grains.Live;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Live;

/// <summary>A hub connection lives no longer than its token.</summary>
public sealed class HubTokenExpiryTests(LiveClusterFixture cluster) : IClassFixture<LiveClusterFixture>
{
    // Inside the sample city's Riverside district (greedy dispatch, no auto-accept).
    private const double Lat = 31.198;
    private const double Lon = 121.4765;

    [Fact]
    public async Task A_connection_is_closed_when_its_token_expires_and_the_next_offer_goes_only_to_a_fresh_one()
    {
        // A second web node of the same cluster whose tokens live three seconds: JWT expiry is checked against the
        // system clock, so this is real time, waited for as a condition, never asserted on.
        await using var shortLived = new DispatchWebApp(cluster.Database.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Auth:DevTokenLifetime"] = "00:00:03",
            ["Auth:ClockSkew"] = "00:00:00",
        });
        shortLived.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        shortLived.StartServer();
        var address = new Uri(shortLived.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var skill = "s" + Guid.NewGuid().ToString("N")[..8];
        var engineerId = "eng-expiring-" + skill;
        await EngineerAsync(engineerId, skill);

        var token = await shortLived.TokenAsync("engineer", engineerId);
        await using var expiring = new HubConnectionBuilder()
            .WithUrl(new Uri(address, "/hubs/engineer"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        expiring.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };
        var staleOffers = Channel.CreateUnbounded<OfferPush>();
        expiring.On<OfferPush>("offer", o => staleOffers.Writer.TryWrite(o));
        await expiring.StartAsync();
        Assert.Equal(HubConnectionState.Connected, expiring.State);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(HubConnectionState.Disconnected, expiring.State);

        // The phone comes back with a fresh token; the offer reaches it, and nothing reaches the expired connection.
        await using var fresh = await cluster.ConnectAsync("/hubs/engineer", "engineer", engineerId);
        var freshOffers = Channel.CreateUnbounded<OfferPush>();
        fresh.On<OfferPush>("offer", o => freshOffers.Writer.TryWrite(o));
        var ticketId = await TicketAsync(skill);
        var offer = await freshOffers.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ticketId, offer.TicketId);
        Assert.False(staleOffers.Reader.TryRead(out _));
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => expiring.InvokeAsync<string>("ReportPosition", Lat, Lon, cluster.Clock.GetUtcNow(), 5.0));
    }

    [Fact]
    public async Task An_expired_token_is_refused_over_http_within_seconds_not_minutes()
    {
        await using var shortLived = new DispatchWebApp(cluster.Database.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Auth:DevTokenLifetime"] = "00:00:01",
        });
        var token = await shortLived.TokenAsync("dispatcher");
        using var http = shortLived.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        // Default skew would accept it for five more minutes; the configured skew is seconds.
        var refused = await Dispatch.Testing.Eventually.Until(() => http.GetAsync("/api/regions"), r => r.StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(60), "the expired token refused");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private async Task<string> TicketAsync(string skill)
    {
        var customer = "cust-" + Guid.NewGuid().ToString("N")[..8];
        using var admin = await cluster.App.ClientAsAsync("admin");
        (await admin.PutAsync($"/api/customers/{customer}", Json("""{"name": "Acme", "tier": "standard", "sites": []}"""))).EnsureSuccessStatusCode();
        var response = await admin.PostAsync("/api/tickets", Json($$"""
            {"customerId": "{{customer}}", "title": "No cooling", "serviceType": "repair", "priority": "P3",
             "location": {"lat": {{Lat}}, "lon": {{Lon}}}, "requiredSkills": ["{{skill}}"], "channel": "web"}
            """));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task EngineerAsync(string id, string skill)
    {
        using var admin = await cluster.App.ClientAsAsync("admin");
        await admin.AddSkillAsync(skill);
        (await admin.PutAsync($"/api/engineers/{id}", Json($$"""
            {"name": "Engineer {{id}}", "skills": {"{{skill}}": 90}, "homeBase": {"lat": {{Lat}}, "lon": {{Lon}} } }
            """))).EnsureSuccessStatusCode();
        using var engineer = await cluster.App.ClientAsAsync("engineer", id);
        (await engineer.PostAsync($"/api/engineers/{id}/status", Json("""{"status":"Available"}"""))).EnsureSuccessStatusCode();
        var at = cluster.Clock.GetUtcNow().ToString("O");
        (await engineer.PostAsync($"/api/engineers/{id}/position", Json($$"""{"lat": {{Lat}}, "lon": {{Lon}}, "at": "{{at}}"}"""))).EnsureSuccessStatusCode();
    }
}
