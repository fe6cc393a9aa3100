using System.Threading.Channels;
using Dispatch.Domain.Engineers;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Live;
using Dispatch.Grains.Storage;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Storage;

namespace Dispatch.Web.Tests.Live;

/// <summary>
/// The board after losing its activations (the region board and the summary deactivated, as a silo loss
/// would): what a reconnecting console reads is the board as it was, from storage, not an empty one that
/// refills as tickets next report.
/// </summary>
public sealed class BoardRecoveryTests(LiveClusterFixture cluster) : IClassFixture<LiveClusterFixture>
{
    private readonly LiveScenes _scenes = new(cluster);

    [Fact]
    public async Task Markers_alerts_and_kpis_are_whole_again_after_the_board_is_deactivated()
    {
        var tier = await _scenes.FastPolicyAsync();
        var skill = "s" + Guid.NewGuid().ToString("N")[..8];
        var engineerId = "eng-board-" + skill;
        await _scenes.EngineerAsync(engineerId, "other-" + skill, LiveScenes.Lat + 0.002);
        await using var dispatcher = await cluster.ConnectAsync("/hubs/dispatch", "dispatcher");
        var alerts = Channel.CreateUnbounded<AlertNote>();
        dispatcher.On<AlertNote[]>("alerts", batch => { foreach (var a in batch) { alerts.Writer.TryWrite(a); } });
        var breachedId = await _scenes.TicketAsync(tier, skill); // nobody has the skill: it waits and breaches
        cluster.Clock.Advance(TimeSpan.FromMinutes(11));
        var breach = await Eventually.Until(async () => await alerts.Reader.ReadAsync(), a => a.TicketId == breachedId && a.Kind == "breach",
            TimeSpan.FromSeconds(30), "the breach alert");
        var waitingId = await _scenes.TicketAsync(tier, skill);
        await dispatcher.InvokeAsync<AlertNote>("Acknowledge", breach.Id);

        var before = await Eventually.Until(() => dispatcher.InvokeAsync<BoardSnapshot>("Snapshot"),
            s => s.Tickets.Any(t => t.Id == waitingId) && s.Engineers.Any(e => e.Id == engineerId) && s.Kpis.BreachedToday == 1,
            TimeSpan.FromSeconds(30), "the board as the tickets and the engineer reported it");
        await UntilStored(LiveScenes.Region);

        await DeactivateAsync(cluster.Grains.GetGrain<IRegionBoardGrain>(LiveScenes.Region));
        await DeactivateAsync(cluster.Grains.GetGrain<IBoardSummaryGrain>(0));
        var after = await dispatcher.InvokeAsync<BoardSnapshot>("Snapshot");

        Assert.Equal(before.Tickets.Select(t => (t.Id, t.SlaState)).Order(), after.Tickets.Select(t => (t.Id, t.SlaState)).Order());
        Assert.Contains(after.Tickets, t => t.Id == breachedId && t.SlaState == "breached");
        Assert.Equal(before.Engineers.Select(e => e.Id).Order(), after.Engineers.Select(e => e.Id).Order());
        var alert = Assert.Single(after.Alerts, a => a.Id == breach.Id);
        Assert.True(alert.Acknowledged);
        Assert.Equal(before.Kpis with { At = default }, after.Kpis with { At = default });
        Assert.Equal(1, after.Kpis.BreachedToday);
        Assert.Equal(2, after.Kpis.OpenBacklog);
    }

    [Fact]
    public async Task Markers_an_earlier_release_stored_in_the_grain_state_are_shown_then_moved_to_their_rows()
    {
        var board = "legacy-" + Guid.NewGuid().ToString("N")[..8];
        var at = cluster.Clock.GetUtcNow();
        var ticket = new TicketMarker("t-" + board, TicketStatus.Dispatching, Priority.P2, LiveScenes.Lat, LiveScenes.Lon, "running", null, 0, null,
            board, "No cooling", "c-1", "repair", at, true, 0, at);
        var engineer = new EngineerMarker("e-" + board, "Ada", ShownStatus.Available, LiveScenes.Lat, LiveScenes.Lon, at, board, 0);
        var storage = cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Dispatch);
        var grainId = GrainId.Create("regionboard", board);
        var old = new RegionBoardMarkers { Tickets = { [ticket.Id] = ticket }, Engineers = { [engineer.Id] = engineer } };
        await storage.WriteStateAsync("live-board-markers", grainId, new GrainState<RegionBoardMarkers>(old));

        var view = await cluster.Grains.GetGrain<IRegionBoardGrain>(board).View();
        Assert.Equal([ticket.Id], view.Tickets.Select(t => t.Id));
        Assert.Equal([engineer.Id], view.Engineers.Select(e => e.Id));

        var rows = $"SELECT count(*) FROM live_board_markers WHERE board = '{board}'";
        await Eventually.Until(async () =>
        {
            cluster.Clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(20);
            return await cluster.Database.QueryScalarAsync<long>(rows);
        }, n => n == 2, TimeSpan.FromSeconds(30), "the old markers stored as rows");
        var left = new GrainState<RegionBoardMarkers>();
        await Eventually.Until(async () =>
        {
            await storage.ReadStateAsync("live-board-markers", grainId, left);
            return left.State?.Tickets.Count ?? 0;
        }, n => n == 0, TimeSpan.FromSeconds(30), "the old grain state cleared");

        await DeactivateAsync(cluster.Grains.GetGrain<IRegionBoardGrain>(board));
        var again = await cluster.Grains.GetGrain<IRegionBoardGrain>(board).View();
        Assert.Equal([ticket.Id], again.Tickets.Select(t => t.Id));
        Assert.Equal((TicketStatus.Dispatching, Priority.P2), (again.Tickets[0].Status, again.Tickets[0].Priority));
        Assert.Equal([engineer.Id], again.Engineers.Select(e => e.Id));
    }

    /// <summary>Moves the clock over the board's batch ticks until the region's facts and markers are stored after its last report.</summary>
    private async Task UntilStored(string region)
    {
        var since = await cluster.Database.QueryScalarAsync<DateTime>("SELECT now()");
        var sql = $"""
            SELECT (SELECT count(*) FROM orleans_grain_state
                    WHERE grain_type = 'live-board-facts' AND grain_id_ext LIKE '%{region}%' AND modified_at > '{since:O}'::timestamptz)
                 + (SELECT least(count(*), 1) FROM live_board_markers WHERE board = '{region}' AND stored_at > '{since:O}'::timestamptz)
            """;
        await Eventually.Until(async () =>
        {
            cluster.Clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(20);
            return await cluster.Database.QueryScalarAsync<long>(sql);
        }, n => n == 2, TimeSpan.FromSeconds(30), "the region board's facts and markers stored");
    }

    private async Task DeactivateAsync(IAddressable grain)
    {
        var management = cluster.Grains.GetGrain<IManagementGrain>(0);
        await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.Until(() => management.GetGrainActivationCount((GrainReference)grain), n => n == 0, TimeSpan.FromSeconds(30),
            $"{grain} deactivated");
    }
}
