using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Dispatch.Grains.Live;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dispatch.Web.Tests.Live;

/// <summary>SignalR clients against a real server: the alert feed, pushed offers, and catching up after a disconnect.</summary>
public sealed class LiveFeedTests(LiveClusterFixture cluster) : IClassFixture<LiveClusterFixture>
{
    private const double Lat = LiveScenes.Lat;
    private const double Lon = LiveScenes.Lon;

    private readonly LiveScenes _scenes = new(cluster);

    [Fact]
    public async Task A_dispatcher_receives_the_alert_for_a_breach()
    {
        var tier = await FastPolicyAsync();
        await using var dispatcher = await cluster.ConnectAsync("/hubs/dispatch", "dispatcher");
        var alerts = Channel.CreateUnbounded<AlertNote>();
        dispatcher.On<AlertNote[]>("alerts", batch => { foreach (var a in batch) { alerts.Writer.TryWrite(a); } });

        var ticketId = await TicketAsync(tier, "skill-none-" + Guid.NewGuid().ToString("N")[..6]);
        cluster.Clock.Advance(TimeSpan.FromMinutes(11));

        var breach = await Eventually.Until(async () => await alerts.Reader.ReadAsync(), a => a.TicketId == ticketId && a.Kind == "breach",
            TimeSpan.FromSeconds(30), "the breach alert");
        Assert.Equal("response", breach.Metric);
        Assert.Equal(1, breach.Level);

        var acknowledged = await dispatcher.InvokeAsync<AlertNote>("Acknowledge", breach.Id);
        Assert.True(acknowledged.Acknowledged);
        using var client = await cluster.App.ClientAsAsync("dispatcher");
        var ticket = await client.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}");
        Assert.Contains(ticket.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("what").GetString() == "alert.acknowledged");

        var snapshot = await dispatcher.InvokeAsync<BoardSnapshot>("Snapshot");
        Assert.Contains(snapshot.Alerts, a => a.Id == breach.Id && a.Acknowledged);
        // The alert is raised on the board at once; the ticket's marker reaches it with the silo's next hand-over (BoardFeed).
        await Eventually.Until(() => dispatcher.InvokeAsync<BoardSnapshot>("Snapshot"),
            s => s.Tickets.Any(t => t.Id == ticketId && t.SlaState == "breached"), TimeSpan.FromSeconds(30), "the breached marker on the board");
    }

    [Fact]
    public async Task An_engineer_receives_its_own_offer_and_not_another_engineers()
    {
        var skill = "s" + Guid.NewGuid().ToString("N")[..8];
        var (mine, other) = ("eng-mine-" + skill, "eng-other-" + skill);
        await EngineerAsync(mine, skill, Lat + 0.001);
        await EngineerAsync(other, "unrelated-" + skill, Lat + 0.001);
        await using var mineHub = await cluster.ConnectAsync("/hubs/engineer", "engineer", mine);
        await using var otherHub = await cluster.ConnectAsync("/hubs/engineer", "engineer", other);
        var mineOffers = Channel.CreateUnbounded<OfferPush>();
        var otherOffers = Channel.CreateUnbounded<OfferPush>();
        mineHub.On<OfferPush>("offer", o => mineOffers.Writer.TryWrite(o));
        otherHub.On<OfferPush>("offer", o => otherOffers.Writer.TryWrite(o));

        var ticketId = await TicketAsync("standard", skill);

        var offer = await mineOffers.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ticketId, offer.TicketId);
        Assert.Equal(mine, offer.EngineerId);
        Assert.True(offer.ExpiresAt > cluster.Clock.GetUtcNow());
        Assert.False(otherOffers.Reader.TryRead(out _));
    }

    [Fact]
    public async Task An_engineer_that_missed_an_offer_while_disconnected_sees_it_after_reconnecting()
    {
        var skill = "s" + Guid.NewGuid().ToString("N")[..8];
        var id = "eng-away-" + skill;
        await EngineerAsync(id, skill, Lat);
        var hub = await cluster.ConnectAsync("/hubs/engineer", "engineer", id);
        await hub.DisposeAsync(); // the phone lost its signal

        var ticketId = await TicketAsync("standard", skill);
        await Task.Delay(500); // the push went nowhere

        await using var back = await cluster.ConnectAsync("/hubs/engineer", "engineer", id);
        using var engineer = await cluster.App.ClientAsAsync("engineer", id);
        var work = await Eventually.Until(() => engineer.GetFromJsonAsync<JsonElement>($"/api/engineers/{id}/work"),
            w => w.GetProperty("offer").ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(30), "the offer in the engineer's state");
        Assert.Equal(ticketId, work.GetProperty("offer").GetProperty("ticket").GetProperty("id").GetString());
        Assert.Equal("Accepted", await back.InvokeAsync<string>("ReportPosition", Lat + 0.0001, Lon, cluster.Clock.GetUtcNow().AddSeconds(1), 5.0));
    }

    [Fact]
    public async Task Engineer_positions_reach_the_dispatcher_in_batches()
    {
        await using var dispatcher = await cluster.ConnectAsync("/hubs/dispatch", "dispatcher");
        var moves = Channel.CreateUnbounded<EngineerMarker[]>();
        dispatcher.On<EngineerMarker[]>("engineers", batch => moves.Writer.TryWrite(batch));
        var skill = "s" + Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(0, 5).Select(i => $"eng-move-{i}-{skill}").ToList();
        foreach (var id in ids)
        {
            await EngineerAsync(id, skill, Lat + 0.001);
        }

        var seen = new HashSet<string>();
        await Eventually.Until(async () =>
        {
            cluster.Clock.Advance(TimeSpan.FromMilliseconds(250)); // the board's batch window
            while (moves.Reader.TryRead(out var batch))
            {
                seen.UnionWith(batch.Select(m => m.Id));
            }
            await Task.Delay(50);
            return seen;
        }, s => ids.All(s.Contains), TimeSpan.FromSeconds(30), "every engineer's position on the dispatcher's connection");
    }

    private Task<string> FastPolicyAsync() => _scenes.FastPolicyAsync();

    private Task<string> TicketAsync(string tier, string skill) => _scenes.TicketAsync(tier, skill);

    private Task EngineerAsync(string id, string skill, double lat) => _scenes.EngineerAsync(id, skill, lat);
}
