using System.Threading.Channels;
using Dispatch.Grains.Live;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dispatch.Web.Tests.Live;

/// <summary>
/// "Today" on the board is the service's day (Live:TimeZone, Asia/Shanghai in this cluster, UTC+8), so
/// the day's tallies start again at local midnight, 16:00 UTC, and not at 08:00 local as a UTC day would; the KPIs
/// carry that day's window.
/// </summary>
public sealed class ServiceDayTests(LiveClusterFixture cluster) : IClassFixture<LiveClusterFixture>
{
    private static readonly TimeSpan ShanghaiOffset = TimeSpan.FromHours(8);

    private readonly LiveScenes _scenes = new(cluster);

    [Fact]
    public async Task Breaches_today_start_again_at_midnight_in_the_service_time_zone()
    {
        Assert.Equal("Asia/Shanghai", LiveClusterFixture.TimeZone);
        var tier = await _scenes.FastPolicyAsync();
        cluster.Clock.Advance(UntilNext(new TimeOnly(23, 40)));
        await using var dispatcher = await cluster.ConnectAsync("/hubs/dispatch", "dispatcher");
        var alerts = Channel.CreateUnbounded<AlertNote>();
        dispatcher.On<AlertNote[]>("alerts", batch => { foreach (var a in batch) { alerts.Writer.TryWrite(a); } });
        var ticketId = await _scenes.TicketAsync(tier, "skill-none-" + Guid.NewGuid().ToString("N")[..6]);

        cluster.Clock.Advance(TimeSpan.FromMinutes(11)); // 23:51 in Shanghai, 15:51 UTC: the breach
        var breach = await Eventually.Until(async () => await alerts.Reader.ReadAsync(), a => a.TicketId == ticketId && a.Kind == "breach",
            TimeSpan.FromSeconds(30), "the breach alert");
        Assert.Equal(23, breach.At.ToOffset(ShanghaiOffset).Hour);
        // The tally and the ticket's marker are updated by separate messages to the board: both are awaited.
        var late = await Eventually.Until(() => dispatcher.InvokeAsync<BoardSnapshot>("Snapshot"),
            s => s.Kpis.BreachedToday == 1 && s.Tickets.Any(t => t.Id == ticketId && t.SlaState == "breached"),
            TimeSpan.FromSeconds(30), "the breach counted today and shown on the ticket");

        cluster.Clock.Advance(TimeSpan.FromMinutes(10)); // 00:01 the next day in Shanghai, still the same UTC day
        var next = await dispatcher.InvokeAsync<BoardSnapshot>("Snapshot");
        Assert.Equal(cluster.Clock.GetUtcNow().UtcDateTime.Date, late.Kpis.At.UtcDateTime.Date);
        Assert.Equal(0, next.Kpis.BreachedToday);
        // The window the tallies count, sent for the tiles' links: local midnight to midnight, 16:00 to 16:00 UTC.
        var lateDay = new DateTimeOffset(DateOnly.FromDateTime(breach.At.ToOffset(ShanghaiOffset).DateTime), TimeOnly.MinValue, ShanghaiOffset);
        Assert.Equal(lateDay, late.Kpis.DayStart);
        Assert.Equal(lateDay.AddDays(1), late.Kpis.DayEnd);
        Assert.Equal(lateDay.AddDays(1), next.Kpis.DayStart);
        Assert.Equal(16, next.Kpis.DayStart!.Value.UtcDateTime.Hour);
        Assert.Contains(next.Alerts, a => a.Id == breach.Id); // the feed keeps yesterday's alerts; only the day's tally starts again
        Assert.Contains(next.Tickets, t => t.Id == ticketId && t.SlaState == "breached");
    }

    /// <summary>How far the fake clock must move for Shanghai's wall clock to next show this time.</summary>
    private TimeSpan UntilNext(TimeOnly local)
    {
        var now = cluster.Clock.GetUtcNow().ToOffset(ShanghaiOffset);
        var target = new DateTimeOffset(DateOnly.FromDateTime(now.DateTime), local, ShanghaiOffset);
        return target > now ? target - now : target.AddDays(1) - now;
    }
}
