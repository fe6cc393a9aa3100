using Dispatch.Domain.Geo;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Common;
using Dispatch.Grains.Engineers;
using Dispatch.Grains.Tickets;

namespace Dispatch.Grains.Tests.Dispatching;

/// <summary>Many tickets at once: nobody over capacity, no ticket offered twice, every ticket offered or waiting.</summary>
public sealed class ConcurrentDispatchTests(DispatchClusterFixture cluster) : IClassFixture<DispatchClusterFixture>
{
    private const int Engineers = 200;
    private const int Tickets = 1000;

    [Fact]
    public async Task Two_hundred_engineers_and_a_thousand_concurrent_tickets_never_double_book()
    {
        var random = new Random(20261123);
        var skill = "general-" + Guid.NewGuid().ToString("N")[..6];
        var engineerIds = Enumerable.Range(0, Engineers).Select(i => $"e{i:000}-{skill}").ToList();
        await Task.WhenAll(engineerIds.Select(id => cluster.EngineerAsync(id, RandomPoint(random), 1, skill)));

        var points = Enumerable.Range(0, Tickets).Select(_ => RandomPoint(random)).ToList();
        var opened = await Task.WhenAll(points.Select(async point =>
        {
            var ticket = cluster.Grains.GetGrain<ITicketGrain>(TicketIds.New());
            var reply = await ticket.Open(new OpenTicket(cluster.CustomerId, "Storm damage", "", "repair", Priority.P2, point, [skill], "api", null), Actor.System);
            return (ticket, reply);
        }));
        var tickets = opened.Where(o => o.reply.Refusal is null).Select(o => o.ticket).ToList();
        Assert.True(tickets.Count > 900, $"{tickets.Count} tickets inside the city");

        // Settled: every engineer holds exactly one piece of work (there are far more tickets than engineers).
        var views = await cluster.UntilAsync(() => Task.WhenAll(tickets.Select(t => t.GetView())),
            v => v.Count(t => t!.AssignedEngineerId is not null) == Engineers, "every engineer to hold an offer or a job");

        Assert.All(views, v => Assert.True(v!.Status is TicketStatus.Offered or TicketStatus.Accepted or TicketStatus.Dispatching, v.Status.ToString()));
        var assigned = views.Where(v => v!.AssignedEngineerId is not null).ToList();
        Assert.Equal(assigned.Count, assigned.Select(v => v!.AssignedEngineerId).Distinct().Count()); // one ticket per engineer
        Assert.All(views.Where(v => v!.AssignedEngineerId is null), v => Assert.Equal(TicketStatus.Dispatching, v!.Status));

        var engineers = await Task.WhenAll(engineerIds.Select(id => cluster.Grains.GetGrain<IEngineerGrain>(id).GetView()));
        foreach (var engineer in engineers)
        {
            var held = engineer!.Jobs.Count + (engineer.Offer is null ? 0 : 1);
            Assert.True(held <= engineer.Profile.Capacity, $"{engineer.Id} holds {held}");
            var ticketId = engineer.Offer?.TicketId ?? engineer.Jobs.Single();
            Assert.Equal(engineer.Id, assigned.Single(v => v!.Id == ticketId)!.AssignedEngineerId);
        }
        // No ticket was ever offered to two engineers at once: each ticket's offers are one per lapse.
        Assert.All(views, v => Assert.True(v!.Timeline.Count(e => e.What == "ticket.offered") <= 1 + v.Timeline.Count(e => e.What == "ticket.offer-lapsed")));
    }

    private static Position RandomPoint(Random random) => new(31.175 + random.NextDouble() * 0.11, 121.38 + random.NextDouble() * 0.18);
}
