using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Common;
using Dispatch.Grains.Tickets;
using Dispatch.Testing;

namespace Dispatch.Grains.Tests.Tickets;

/// <summary>SLA checkpoints fire at their instants, once each, whatever happens to the ticket's activation or silo.</summary>
public sealed class TicketSlaTests(TicketClusterFixture cluster) : IClassFixture<TicketClusterFixture>
{
    private static readonly Actor Dispatcher = new("dana", "dispatcher");

    [Fact]
    public async Task Warnings_breach_and_escalations_fire_at_their_instants_once_each()
    {
        var opened = cluster.Clock.GetUtcNow();
        var (ticket, view) = await cluster.OpenAsync();
        Assert.Equal("test-short", view.SlaPolicyId);

        await AdvanceTo(opened + TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Empty(Entries(await ticket.GetView(), "sla.warning"));

        await AdvanceTo(opened + TimeSpan.FromMinutes(5));
        var first = await Until(ticket, v => Entries(v, "sla.warning").Count == 1);
        Assert.Equal(opened + TimeSpan.FromMinutes(5), Entries(first, "sla.warning")[0].At);
        Assert.Equal("dispatcher", Entries(first, "alert.raised").Single().Details!["roles"]);

        await AdvanceTo(opened + TimeSpan.FromMinutes(7.5));
        var second = await Until(ticket, v => Entries(v, "sla.warning").Count == 2);
        Assert.Equal(opened + TimeSpan.FromMinutes(7.5), Entries(second, "sla.warning")[1].At);
        Assert.Equal("warning", second.Sla.Single(c => c.Metric == "response").State);

        await AdvanceTo(opened + TimeSpan.FromMinutes(10));
        var breached = await Until(ticket, v => Entries(v, "sla.breached").Count == 1);
        Assert.Equal(opened + TimeSpan.FromMinutes(10), Entries(breached, "sla.breached")[0].At);
        Assert.Equal(1, breached.EscalationLevel);
        Assert.Equal("breached", breached.Sla.Single(c => c.Metric == "response").State);
        Assert.Single(Entries(breached, "dispatch.search-widened"));

        await AdvanceTo(opened + TimeSpan.FromMinutes(15));
        var supervisor = await Until(ticket, v => v.EscalationLevel == 2);
        Assert.Equal(Priority.P2, supervisor.Priority);
        Assert.Equal(opened + TimeSpan.FromMinutes(15), Entries(supervisor, "sla.escalated").Single().At);

        await AdvanceTo(opened + TimeSpan.FromMinutes(20));
        var director = await Until(ticket, v => v.EscalationLevel == 3);
        Assert.Equal("director", Entries(director, "alert.level-changed").Last().Details!["roles"]);
        Assert.Single(Entries(director, "alert.raised")); // one alert for the response clock, moved up level by level

        await AdvanceTo(opened + TimeSpan.FromHours(2));
        var settled = await ticket.GetView();
        Assert.Equal(2, Entries(settled!, "sla.warning").Count);
        Assert.Single(Entries(settled!, "sla.breached"));
        Assert.Equal(2, Entries(settled!, "sla.escalated").Count);

        await Eventually.Until(() => cluster.Database.QueryScalarAsync<long>(
            $"SELECT count(*) FROM dispatch_events WHERE stream = 'ticket:{view.Id}' AND type = 'sla.breached'"), n => n == 1, what: "the breach in the event log");
    }

    [Fact]
    public async Task Waiting_stops_the_clock_and_resuming_moves_the_deadline_by_the_pause()
    {
        var opened = cluster.Clock.GetUtcNow();
        var (ticket, _) = await cluster.OpenAsync();
        await AdvanceTo(opened + TimeSpan.FromMinutes(2));
        Assert.Null((await ticket.Wait(Dispatcher, "waitingOnCustomer")).Refusal);

        await AdvanceTo(opened + TimeSpan.FromMinutes(32));
        var waiting = (await ticket.GetView())!;
        Assert.Equal("paused", waiting.Sla.Single(c => c.Metric == "response").State);
        Assert.Empty(Entries(waiting, "sla.breached"));

        var resumed = (await ticket.Resume(Dispatcher, "customer called back")).Ticket!;
        Assert.Equal(TicketStatus.Dispatching, resumed.Status);
        Assert.Equal(opened + TimeSpan.FromMinutes(40), resumed.Sla.Single(c => c.Metric == "response").DueAt);

        await AdvanceTo(opened + TimeSpan.FromMinutes(40));
        var breached = await Until(ticket, v => Entries(v, "sla.breached").Count == 1);
        Assert.Equal(opened + TimeSpan.FromMinutes(40), Entries(breached, "sla.breached")[0].At);
    }

    [Fact]
    public async Task An_accepted_offer_meets_the_response_clock()
    {
        var opened = cluster.Clock.GetUtcNow();
        var (ticket, _) = await cluster.OpenAsync();
        Assert.Equal(TicketStatus.Dispatching, (await ticket.GetView())!.Status);
        Assert.Null((await ticket.RecordOffer("eng-1", Actor.System, opened + TimeSpan.FromHours(1), [])).Refusal);
        await AdvanceTo(opened + TimeSpan.FromMinutes(6));
        var accepted = (await ticket.AcceptOffer("eng-1", new Actor("eng-1", "engineer"), null)).Ticket!;
        Assert.Equal("met", accepted.Sla.Single(c => c.Metric == "response").State);

        await AdvanceTo(opened + TimeSpan.FromMinutes(30));
        var later = (await ticket.GetView())!;
        Assert.Empty(Entries(later, "sla.breached"));
        Assert.Single(Entries(later, "sla.warning")); // the 50% warning came before the accept at 60%; 75% never did
    }

    [Fact]
    public async Task A_transition_that_does_not_exist_is_refused_and_changes_nothing()
    {
        var (ticket, view) = await cluster.OpenAsync();
        var reply = await ticket.Resolve(new Actor("ann", "dispatcher"), "fixed by phone", null);
        Assert.Equal(RefusalKind.Conflict, reply.Refusal!.Kind);
        // An accept before any offer is recorded is early (the region may be recording one), and changes nothing either.
        Assert.Equal(RefusalKind.NotYet, (await ticket.AcceptOffer("eng-9", new Actor("eng-9", "engineer"), null)).Refusal!.Kind);
        var after = (await ticket.GetView())!;
        Assert.Equal(view.Status, after.Status);
        Assert.Equal(view.Timeline.Count, after.Timeline.Count);
    }

    [Fact]
    public async Task A_deactivated_ticket_still_fires_its_breach()
    {
        var opened = cluster.Clock.GetUtcNow();
        var (ticket, view) = await cluster.OpenAsync();
        await ticket.AsReference<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();

        await AdvanceTo(opened + TimeSpan.FromMinutes(11));

        // Read the event log, not the grain: reading the grain would activate it and prove nothing.
        await Eventually.Until(() => cluster.Database.QueryScalarAsync<long>(
                $"SELECT count(*) FROM dispatch_events WHERE stream = 'ticket:{view.Id}' AND type = 'sla.breached'"),
            n => n == 1, TimeSpan.FromSeconds(60), "the reminder to wake the ticket and fire its breach");
    }

    [Fact]
    public async Task After_a_silo_restart_an_overdue_breach_fires_once()
    {
        var opened = cluster.Clock.GetUtcNow();
        var (_, view) = await cluster.OpenAsync();

        await cluster.RestartSiloAsync(whileDown: () =>
        {
            cluster.Clock.SetUtcNow(opened + TimeSpan.FromMinutes(12));
            return Task.CompletedTask;
        });

        // The new silo's reminder service skips the ticks missed while no silo ran and wakes the ticket at
        // the next reminder period (one minute); time moves on a minute at a time until it has.
        var breaches = $"SELECT count(*) FROM dispatch_events WHERE stream = 'ticket:{view.Id}' AND type = 'sla.breached'";
        await Eventually.Until(async () =>
            {
                var count = await cluster.Database.QueryScalarAsync<long>(breaches);
                if (count == 0)
                {
                    cluster.Clock.Advance(TimeSpan.FromMinutes(1));
                }
                return count;
            }, n => n == 1, TimeSpan.FromSeconds(60), "the overdue breach after the restart");
        var ticket = cluster.Grains.GetGrain<ITicketGrain>(view.Id);
        var after = (await ticket.GetView())!;
        Assert.Single(Entries(after, "sla.breached"));
        Assert.Equal(2, Entries(after, "sla.warning").Count);
        Assert.Equal(1L, await cluster.Database.QueryScalarAsync<long>(breaches));
    }

    private async Task AdvanceTo(DateTimeOffset instant)
    {
        var now = cluster.Clock.GetUtcNow();
        if (instant > now)
        {
            cluster.Clock.Advance(instant - now);
        }
        await Task.Yield();
    }

    private static Task<TicketView> Until(ITicketGrain ticket, Func<TicketView, bool> condition) =>
        Eventually.Until(async () => (await ticket.GetView())!, condition, TimeSpan.FromSeconds(30), "the ticket to reach the expected state");

    private static List<TimelineEntry> Entries(TicketView? view, string what) => [.. view!.Timeline.Where(e => e.What == what)];
}
