using System.Threading.Channels;
using Dispatch.Grains.Live;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Orleans.Core.Internal;

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
