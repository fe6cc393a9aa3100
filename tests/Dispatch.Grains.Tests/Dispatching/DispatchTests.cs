using Dispatch.Testing;
using Dispatch.Domain.Engineers;
using Dispatch.Domain.Geo;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Common;
using Dispatch.Grains.Dispatching;
using Dispatch.Grains.Engineers;
using Dispatch.Grains.Tickets;
using static Dispatch.Grains.Tests.Dispatching.DispatchClusterFixture;

namespace Dispatch.Grains.Tests.Dispatching;

public sealed class DispatchTests(DispatchClusterFixture cluster) : IClassFixture<DispatchClusterFixture>
{
    [Fact]
    public async Task The_nearest_suitable_engineer_gets_the_offer_with_the_reasons_on_the_timeline()
    {
        var skill = Skill();
        await cluster.EngineerAsync(Id("far"), new Position(Riverside.Lat + 0.02, Riverside.Lon), 1, skill);
        var near = Id("near");
        await cluster.EngineerAsync(near, new Position(Riverside.Lat + 0.002, Riverside.Lon), 1, skill);
        await cluster.EngineerAsync(Id("unskilled"), Riverside, 1, "plumbing");

        var ticket = await cluster.TicketAsync(Riverside, skill);
        var offered = await cluster.TicketUntilAsync(ticket, t => t.Status == TicketStatus.Offered, "the offer");

        Assert.Equal(near, offered.AssignedEngineerId);
        var offer = offered.Timeline.Single(e => e.What == "ticket.offered");
        Assert.Contains("nearest suitable", offer.Why, StringComparison.Ordinal);
        Assert.Contains(near, offer.Details!["candidates"], StringComparison.Ordinal);
        Assert.Equal(ticketIdOf(offered), (await cluster.Grains.GetGrain<IEngineerGrain>(near).GetView())!.Offer!.TicketId);

        static string ticketIdOf(TicketView t) => t.Id;
    }

    [Fact]
    public async Task A_decline_and_an_expiry_go_to_the_next_candidate_and_never_back()
    {
        var skill = Skill();
        var (secondId, thirdId) = (Id("second"), Id("third"));
        var first = await cluster.EngineerAsync(Id("first"), new Position(Riverside.Lat + 0.001, Riverside.Lon), 1, skill);
        await cluster.EngineerAsync(secondId, new Position(Riverside.Lat + 0.004, Riverside.Lon), 1, skill);
        await cluster.EngineerAsync(thirdId, new Position(Riverside.Lat + 0.008, Riverside.Lon), 1, skill);
        var ticket = await cluster.TicketAsync(Riverside, skill);
        var offered = await cluster.TicketUntilAsync(ticket, t => t.Status == TicketStatus.Offered, "the first offer");
        var firstId = offered.AssignedEngineerId!;

        var declined = await first.Decline(offered.Id, new Actor(firstId, "engineer"), "too far");
        Assert.Null(declined.Refusal);
        var second = await cluster.TicketUntilAsync(ticket, t => t.Status == TicketStatus.Offered && t.AssignedEngineerId != firstId, "the second offer");
        Assert.Equal(secondId, second.AssignedEngineerId);

        cluster.Clock.Advance(TimeSpan.FromSeconds(61));
        var third = await cluster.TicketUntilAsync(ticket, t => t.Status == TicketStatus.Offered && t.AssignedEngineerId == thirdId, "the third offer");
        Assert.Contains(third.Timeline, e => e.What == "ticket.offer-lapsed" && e.Why == "expired");
        Assert.Null((await cluster.Grains.GetGrain<IEngineerGrain>(second.AssignedEngineerId!).GetView())!.Offer);

        await cluster.Grains.GetGrain<IEngineerGrain>(third.AssignedEngineerId!).Decline(third.Id, new Actor("third", "engineer"), null);
        var waiting = await cluster.TicketUntilAsync(ticket, t => t.Status == TicketStatus.Dispatching, "the ticket to wait");
        cluster.Clock.Advance(TimeSpan.FromSeconds(31)); // a retry: still nobody who has not declined
        var region = await cluster.Grains.GetGrain<IRegionDispatcherGrain>("riverside").GetView();
        Assert.Contains(region.Queue, q => q.TicketId == waiting.Id);
        Assert.Equal(3, (await ticket.GetView())!.Timeline.Count(e => e.What == "ticket.offered"));
    }

    [Fact]
    public async Task An_engineer_going_offline_gives_back_accepted_work_which_is_dispatched_again()
    {
        var skill = Skill();
        var leaving = await cluster.EngineerAsync(Id("leaving"), new Position(Riverside.Lat - 0.001, Riverside.Lon), 1, skill);
        var ticket = await cluster.TicketAsync(Riverside, skill);
        var offered = await cluster.TicketUntilAsync(ticket, t => t.Status == TicketStatus.Offered, "the offer");
        Assert.Null((await leaving.Accept(offered.Id, new Actor("leaving", "engineer"), null)).Refusal);
        Assert.Equal(TicketStatus.Accepted, (await ticket.GetView())!.Status);
        var staying = Id("staying");
        await cluster.EngineerAsync(staying, new Position(Riverside.Lat - 0.01, Riverside.Lon), 1, skill);

        await leaving.SetPresence(ShownStatus.Offline, new Actor("leaving", "engineer"));

        var again = await cluster.TicketUntilAsync(ticket, t => t.Status == TicketStatus.Offered && t.AssignedEngineerId == staying, "the job to go to the other engineer");
        Assert.Contains(again.Timeline, e => e.What == "ticket.released" && e.Why == "engineer went offline");
        Assert.Empty((await leaving.GetView())!.Jobs);
    }

    [Fact]
    public async Task With_nobody_in_the_region_the_search_widens_to_a_neighbour()
    {
        var skill = Skill();
        var neighbour = Id("neighbour");
        await cluster.EngineerAsync(neighbour, new Position(TechPark.Lat, TechPark.Lon), 1, skill);
        var ticket = await cluster.TicketAsync(Harbour, skill);

        var offered = await cluster.TicketUntilAsync(ticket, t => t.Status is TicketStatus.Offered or TicketStatus.Accepted, "the neighbour's offer");
        Assert.Equal(neighbour, offered.AssignedEngineerId);
        Assert.Contains("tech-park", offered.Timeline.Single(e => e.What == "ticket.offered").Details!["candidates"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queued_ticket_is_offered_when_an_engineer_frees_up()
    {
        var skill = Skill();
        var busy = await cluster.EngineerAsync(Id("busy"), Riverside, 1, skill);
        var firstTicket = await cluster.TicketAsync(Riverside, skill);
        var first = await cluster.TicketUntilAsync(firstTicket, t => t.Status == TicketStatus.Offered, "the first offer");
        await busy.Accept(first.Id, new Actor("busy", "engineer"), null);

        var secondTicket = await cluster.TicketAsync(Riverside, skill);
        var queued = await cluster.UntilAsync(() => cluster.Grains.GetGrain<IRegionDispatcherGrain>("riverside").GetView(),
            r => r.Queue.Any(q => q.TicketId == secondTicket.GetPrimaryKeyString()), "the second ticket to queue");
        Assert.NotNull(queued);

        var by = new Actor("busy", "engineer");
        await busy.ReportEnRoute(first.Id, by, null);
        await busy.ReportArrival(first.Id, by, null);
        Assert.Null((await busy.ReportResolved(first.Id, by, "replaced the fan", ["fan-motor"], null)).Refusal);

        var second = await cluster.TicketUntilAsync(secondTicket, t => t.Status == TicketStatus.Offered, "the queued ticket's offer");
        Assert.Equal(busy.GetPrimaryKeyString(), second.AssignedEngineerId);
        Assert.Equal(1, (await busy.GetView())!.JobsDoneToday);
    }

    [Fact]
    public async Task A_freed_engineer_gets_a_ticket_they_can_take_behind_more_than_a_pass_of_tickets_nobody_can_take()
    {
        var (skill, rare) = (Skill(), Skill());
        var engineerId = Id("freed");
        var engineer = await cluster.EngineerAsync(engineerId, Harbour, 1, skill);
        var by = new Actor(engineerId, "engineer");
        var firstTicket = await cluster.TicketAsync(Harbour, skill);
        var first = await cluster.TicketUntilAsync(firstTicket, t => t.Status == TicketStatus.Offered, "the first offer");
        Assert.Null((await engineer.Accept(first.Id, by, null)).Refusal);

        // More urgent and older than the ticket the engineer could take, and more than one pass of the queue (20).
        var nobodys = new List<ITicketGrain>();
        for (var i = 0; i < 21; i++)
        {
            nobodys.Add(await cluster.TicketAsync(Harbour, rare, Priority.P1));
        }
        var waiting = await cluster.TicketAsync(Harbour, skill);
        await Eventually.Until(() => cluster.Grains.GetGrain<IRegionDispatcherGrain>("harbour").GetView(),
            r => r.Queue.Any(q => q.TicketId == waiting.GetPrimaryKeyString()), TimeSpan.FromSeconds(30), "the ticket to queue");

        await engineer.ReportEnRoute(first.Id, by, null);
        await engineer.ReportArrival(first.Id, by, null);
        Assert.Null((await engineer.ReportResolved(first.Id, by, "done", [], null)).Refusal);

        // The fake clock stands still: the ticket's own retry never comes, so only the freed engineer's turn can offer it.
        var offered = await Eventually.Until(async () => (await waiting.GetView())!, t => t.Status == TicketStatus.Offered,
            TimeSpan.FromSeconds(30), "the offer to the freed engineer");
        Assert.Equal(engineerId, offered.AssignedEngineerId);
        foreach (var ticket in nobodys)
        {
            await ticket.Cancel(Actor.System, "test over");
        }
    }

    [Fact]
    public async Task An_accept_that_overtakes_the_recording_of_its_offer_keeps_the_engineers_hold_and_succeeds_once_it_is_recorded()
    {
        var (engineerId, engineer, ticket, ticketId, expiresAt) = await ReservedByTheTestAsync("early");

        var by = new Actor(engineerId, "engineer");
        var early = await engineer.Accept(ticketId, by, null);
        Assert.Equal(RefusalKind.NotYet, early.Refusal?.Kind);
        Assert.Equal(ticketId, (await engineer.GetView())!.Offer?.TicketId);

        Assert.Null((await ticket.RecordOffer(engineerId, Actor.System, expiresAt, [])).Refusal);
        Assert.Null((await engineer.Accept(ticketId, by, null)).Refusal);
        Assert.Equal((TicketStatus.Accepted, engineerId), ((await ticket.GetView())!.Status, (await ticket.GetView())!.AssignedEngineerId));

        // A region's late offer for a ticket that has moved on is answered with why, and changes nothing.
        var before = (await ticket.GetView())!.Timeline.Count;
        Assert.NotNull((await ticket.RecordOffer(Id("late"), Actor.System, expiresAt, [])).Refusal);
        Assert.Equal((TicketStatus.Accepted, engineerId, before), ((await ticket.GetView())!.Status, (await ticket.GetView())!.AssignedEngineerId, (await ticket.GetView())!.Timeline.Count));
    }

    [Fact]
    public async Task An_accept_on_a_regions_behalf_answers_only_whether_the_ticket_took_it()
    {
        var (engineerId, engineer, ticket, ticketId, expiresAt) = await ReservedByTheTestAsync("for-region");
        var region = new Actor("auto-accept", "system");

        Assert.Equal(RefusalKind.NotYet, (await engineer.AcceptForRegion(ticketId, region)).Refusal?.Kind);
        Assert.Equal(ticketId, (await engineer.GetView())!.Offer?.TicketId);

        Assert.Null((await ticket.RecordOffer(engineerId, Actor.System, expiresAt, [])).Refusal);
        Assert.Null((await engineer.AcceptForRegion(ticketId, region)).Refusal);
        var accepted = (await ticket.GetView())!;
        Assert.Equal((TicketStatus.Accepted, engineerId), (accepted.Status, accepted.AssignedEngineerId));
        Assert.Equal("auto-accept", accepted.Timeline.Single(e => e.What == "ticket.accepted").By);
        Assert.Contains(ticketId, (await engineer.GetView())!.Jobs);

        // The ticket's own accept of an engineer it did not offer is refused and changes nothing.
        Assert.NotNull((await ticket.RecordAccept(Id("stranger"), region, null)).Refusal);
        Assert.Equal(accepted.Timeline.Count, (await ticket.GetView())!.Timeline.Count);
    }

    [Fact]
    public async Task A_device_time_is_honoured_within_the_offline_window_and_never_before_the_event_it_follows()
    {
        var skill = Skill();
        var engineer = await cluster.EngineerAsync(Id("offline"), Riverside, 1, skill);
        var ticket = await cluster.TicketAsync(Riverside, skill);
        var offered = await cluster.TicketUntilAsync(ticket, t => t.Status == TicketStatus.Offered, "the offer");
        var by = new Actor(engineer.GetPrimaryKeyString(), "engineer");
        Assert.Null((await engineer.Accept(offered.Id, by, null)).Refusal);
        var accepted = (await ticket.GetView())!.Timeline.Single(e => e.What == "ticket.accepted").At;

        // En route, recorded offline a minute after accepting and sent three hours later: beyond the two-hour window.
        await OnlineFor(engineer, TimeSpan.FromHours(3));
        Assert.Null((await engineer.ReportEnRoute(offered.Id, by, accepted + TimeSpan.FromMinutes(1))).Refusal);
        var enRoute = (await ticket.GetView())!.Timeline.Single(e => e.What == "ticket.en-route");
        Assert.Equal(cluster.Clock.GetUtcNow(), enRoute.At);
        Assert.Equal("server", enRoute.Details!["timeSource"]);
        Assert.Contains("before the server received it", enRoute.Details["timeNote"], StringComparison.Ordinal);

        // Arrival claimed before setting off: never before the event it follows.
        await OnlineFor(engineer, TimeSpan.FromMinutes(30));
        Assert.Null((await engineer.ReportArrival(offered.Id, by, enRoute.At - TimeSpan.FromMinutes(5))).Refusal);
        var arrival = (await ticket.GetView())!.Timeline.Single(e => e.What == "ticket.on-site");
        Assert.Equal(cluster.Clock.GetUtcNow(), arrival.At);
        Assert.Equal("server", arrival.Details!["timeSource"]);

        // Resolved offline ten minutes ago, within the window and after arrival: the phone's time counts.
        await OnlineFor(engineer, TimeSpan.FromMinutes(40));
        var resolvedAt = cluster.Clock.GetUtcNow() - TimeSpan.FromMinutes(10);
        Assert.Null((await engineer.ReportResolved(offered.Id, by, "replaced the fan", [], resolvedAt)).Refusal);
        var resolved = (await ticket.GetView())!.Timeline.Single(e => e.What == "ticket.resolved");
        Assert.Equal(resolvedAt, resolved.At);
        Assert.Equal("device", resolved.Details!["timeSource"]);

        // Time passes with the phone reporting its position, so that the engineer keeps the job.
        async Task OnlineFor(IEngineerGrain online, TimeSpan span)
        {
            for (var passed = TimeSpan.Zero; passed < span; passed += TimeSpan.FromMinutes(5))
            {
                cluster.Clock.Advance(TimeSpan.FromMinutes(5));
                await online.ReportPosition(new PositionReport(Riverside.Lat, Riverside.Lon, cluster.Clock.GetUtcNow(), 10));
            }
        }
    }

    [Fact]
    public async Task An_auto_accept_region_assigns_without_waiting_for_the_engineer()
    {
        var skill = Skill();
        var engineer = Id("auto");
        await cluster.EngineerAsync(engineer, TechPark, 1, skill);
        var ticket = await cluster.TicketAsync(new Position(TechPark.Lat + 0.002, TechPark.Lon), skill);

        var accepted = await cluster.TicketUntilAsync(ticket, t => t.Status == TicketStatus.Accepted, "the automatic accept");
        Assert.Equal(engineer, accepted.AssignedEngineerId);
        Assert.Equal("auto-accept", accepted.Timeline.Single(e => e.What == "ticket.accepted").By);
    }

    [Fact]
    public async Task A_batch_region_assigns_its_waiting_tickets_jointly()
    {
        var skill = Skill();
        var engineers = new[] { Id("b1"), Id("b2"), Id("b3") };
        for (var i = 0; i < engineers.Length; i++)
        {
            await cluster.EngineerAsync(engineers[i], new Position(OldTown.Lat + i * 0.005, OldTown.Lon), 1, skill);
        }
        var tickets = new List<ITicketGrain>();
        for (var i = 0; i < 3; i++)
        {
            tickets.Add(await cluster.TicketAsync(new Position(OldTown.Lat + i * 0.005 + 0.0005, OldTown.Lon), skill));
        }
        var offered = new List<TicketView>();
        foreach (var ticket in tickets)
        {
            offered.Add(await cluster.TicketUntilAsync(ticket, t => t.Status == TicketStatus.Offered, "the batch's offers"));
        }
        // Each ticket went to the engineer right next to it: the joint optimum.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(engineers[i], offered[i].AssignedEngineerId);
        }
    }

    [Fact]
    public async Task A_ticket_outside_every_region_is_refused()
    {
        var reply = await cluster.Grains.GetGrain<ITicketGrain>(TicketIds.New()).Open(
            new OpenTicket(cluster.CustomerId, "Far away", "", "repair", Priority.P3, new Position(39.9, 116.4), [], "api", null), Actor.System);
        Assert.Equal(RefusalKind.Invalid, reply.Refusal!.Kind);
        Assert.Equal("location", reply.Refusal.Field);
    }

    /// <summary>
    /// An engineer reserved for a dispatching ticket, as a region's first step would; the engineer lacks the ticket's
    /// skill, so the region itself never offers it, and the test plays the region's next steps.
    /// </summary>
    private async Task<(string EngineerId, IEngineerGrain Engineer, ITicketGrain Ticket, string TicketId, DateTimeOffset ExpiresAt)>
        ReservedByTheTestAsync(string name)
    {
        var engineerId = Id(name);
        var engineer = await cluster.EngineerAsync(engineerId, Riverside, 1, Skill());
        var ticket = await cluster.TicketAsync(Riverside, Skill());
        await cluster.TicketUntilAsync(ticket, t => t.Status == TicketStatus.Dispatching, "the ticket to dispatch");
        var expiresAt = cluster.Clock.GetUtcNow().AddMinutes(2);
        Assert.True(await engineer.TryReserve(new OfferRequest(ticket.GetPrimaryKeyString(), expiresAt, 200, TimeSpan.FromMinutes(3))));
        return (engineerId, engineer, ticket, ticket.GetPrimaryKeyString(), expiresAt);
    }

    private static string Id(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..6]}";

    // Each test gets a skill of its own, so engineers from other tests are never candidates.
    private static string Skill() => "skill-" + Guid.NewGuid().ToString("N")[..8];
}
