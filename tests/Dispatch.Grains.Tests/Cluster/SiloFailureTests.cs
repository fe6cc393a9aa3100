using System.Diagnostics;
using Dispatch.Domain.Engineers;
using Dispatch.Domain.Geo;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Common;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Engineers;
using Dispatch.Grains.Sla;
using Dispatch.Grains.Tickets;
using Dispatch.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace Dispatch.Grains.Tests.Cluster;

/// <summary>
/// Two real silo processes on one PostgreSQL, under steady intake; one is killed (SIGKILL) or stopped
/// (SIGTERM). Afterwards nothing acknowledged is lost or duplicated, no engineer is over capacity, and every
/// SLA checkpoint that came due fired exactly once.
/// </summary>
public sealed class SiloFailureTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private static readonly Dictionary<string, string> FastBook = new() { ["Sla__CacheFreshness"] = "00:00:00" };

    [Fact]
    public async Task A_silo_killed_under_load_loses_no_ticket_double_books_no_engineer_and_fires_each_checkpoint_once()
    {
        await using var siloA = SiloProcess.Start(postgres.ConnectionString, SiloHosts.SiloPorts.Free(), FastBook);
        var siloB = SiloProcess.Start(postgres.ConnectionString, SiloHosts.SiloPorts.Free(), FastBook);
        using var client = await ClusterClients.ThroughMembershipTableAsync(postgres.ConnectionString);
        var grains = client.Services.GetRequiredService<IClusterClient>();
        await Eventually.Until(() => grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true), h => h.Count == 2,
            TimeSpan.FromSeconds(90), "both silos");
        var (customer, skill) = await SetUpAsync(grains, engineers: 60);

        var acknowledged = new List<string>();
        var retried = 0;
        var load = Stopwatch.StartNew();
        var killed = false;
        SiloProcess? restarted = null;
        var intake = new List<Task>();
        for (var i = 0; i < 400; i++)
        {
            var id = TicketIds.ForExternalId("sub:silo-failure-test", "api", $"{skill}-{i}");
            var point = new Position(31.18 + (i % 20) * 0.004, 121.44 + (i / 20) * 0.004);
            intake.Add(Task.Run(async () =>
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        var reply = await grains.GetGrain<ITicketGrain>(id).Open(
                            new OpenTicket(customer, "Storm damage", "", "repair", Priority.P2, point, [skill], "api", id), Actor.System);
                        if (reply.Refusal is null)
                        {
                            lock (acknowledged)
                            {
                                acknowledged.Add(id);
                            }
                        }
                        return;
                    }
                    catch (Exception) when (attempt < 20)
                    {
                        Interlocked.Increment(ref retried);
                        await Task.Delay(1000);
                    }
                }
            }));
            if (!killed && load.Elapsed > TimeSpan.FromSeconds(5))
            {
                await siloB.KillAsync();
                killed = true;
            }
            if (killed && restarted is null && load.Elapsed > TimeSpan.FromSeconds(8))
            {
                restarted = SiloProcess.Start(postgres.ConnectionString, SiloHosts.SiloPorts.Free(), FastBook);
            }
            await Task.Delay(40); // about 25 tickets a second
        }
        await Task.WhenAll(intake);
        await siloB.DisposeAsync();
        output.WriteLine($"intake took {load.Elapsed}; {acknowledged.Count} acknowledged; {retried} calls retried");
        Assert.True(restarted is not null && acknowledged.Count == 400, $"{acknowledged.Count} of 400 acknowledged");
        await using var _ = restarted;

        // Every checkpoint that is due fires; after the kill, the dead silo's tickets are woken by the survivors'
        // overdue sweep once membership declares it dead (or by their reminders, taken over, at their next period).
        var views = await Eventually.Until(async () => await Task.WhenAll(acknowledged.Select(id => grains.GetGrain<ITicketGrain>(id).GetView())),
            v => v.All(t => t is not null && DueCheckpointsFired(t)), TimeSpan.FromSeconds(240), "every due checkpoint to fire");

        foreach (var view in views)
        {
            Assert.All(view!.Timeline.Where(e => e.Details?.ContainsKey("checkpoint") == true).GroupBy(e => e.Details!["checkpoint"]),
                g => Assert.Single(g));
        }
        Assert.Equal(400L, await postgres.Server.QueryScalarAsync<long>(
            $"SELECT count(DISTINCT stream) FROM dispatch_events WHERE type = 'ticket.created' AND data->>'customerId' = '{customer}'"));
        Assert.Equal(0L, await postgres.Server.QueryScalarAsync<long>($"""
            SELECT count(*) FROM (
              SELECT stream, data->'details'->>'checkpoint' AS checkpoint FROM dispatch_events
              WHERE type LIKE 'sla.%' AND data->>'customerId' = '{customer}'
              GROUP BY 1, 2 HAVING count(*) > 1) AS twice
            """));
        await AssertNobodyOverCapacity(grains, skill, views!);
        var breached = views.Count(v => v!.Timeline.Any(e => e.What == "sla.breached"));
        var longestWait = views.Where(v => v!.Timeline.Any(e => e.What == "ticket.offered"))
            .Max(v => v!.Timeline.First(e => e.What == "ticket.offered").At - v.CreatedAt);
        output.WriteLine($"{breached} tickets breached (as computed from their timelines); longest intake-to-offer wait {longestWait}");
    }

    [Fact]
    public async Task A_silo_stopped_gracefully_loses_nothing_and_its_tickets_carry_on_elsewhere()
    {
        await using var siloA = SiloProcess.Start(postgres.ConnectionString, SiloHosts.SiloPorts.Free(), FastBook);
        await using var siloB = SiloProcess.Start(postgres.ConnectionString, SiloHosts.SiloPorts.Free(), FastBook);
        using var client = await ClusterClients.ThroughMembershipTableAsync(postgres.ConnectionString);
        var grains = client.Services.GetRequiredService<IClusterClient>();
        await Eventually.Until(() => grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true), h => h.Count == 2,
            TimeSpan.FromSeconds(90), "both silos");
        var (customer, skill) = await SetUpAsync(grains, engineers: 5);
        var ids = Enumerable.Range(0, 60).Select(i => TicketIds.ForExternalId("sub:silo-failure-test", "api", $"{skill}-graceful-{i}")).ToList();
        await Task.WhenAll(ids.Select(id => grains.GetGrain<ITicketGrain>(id).Open(
            new OpenTicket(customer, "Leak", "", "repair", Priority.P3, new Position(31.198, 121.4765), [skill], "api", id), Actor.System)));

        Assert.Equal(0, await siloB.TerminateAsync(TimeSpan.FromSeconds(60)));
        // A client whose gateway was the stopped silo may fail to connect once before it moves to the other
        // gateway (as a web node then answers 503 with Retry-After); the tickets are what must not be lost.
        await Eventually.Until(() => grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true), h => h.Count == 1,
            TimeSpan.FromSeconds(90), "the client to reach the remaining silo");

        var dispatcher = new Actor("dana", "dispatcher");
        foreach (var id in ids)
        {
            var ticket = grains.GetGrain<ITicketGrain>(id);
            Assert.NotNull(await ticket.GetView());
            var reply = await ticket.Cancel(dispatcher, "drill");
            Assert.True(reply.Refusal is null, reply.Refusal?.Message);
        }
        Assert.Equal(60L, await postgres.Server.QueryScalarAsync<long>(
            $"SELECT count(*) FROM dispatch_events WHERE type = 'ticket.cancelled' AND data->>'customerId' = '{customer}'"));
    }

    /// <summary>Each warning and breach of the response clock that its own timeline says is due has fired.</summary>
    private static bool DueCheckpointsFired(TicketView ticket)
    {
        var response = ticket.Sla.Single(c => c.Metric == "response");
        var fired = ticket.Timeline.Where(e => e.Details?.ContainsKey("step") == true).Select(e => e.Details!["step"]).ToHashSet();
        var halfway = response.Elapsed >= response.Target / 2;
        var breached = response.State == "breached";
        return (!halfway || fired.Contains("warn-50")) && (!breached || fired.Contains("breach"));
    }

    private static async Task AssertNobodyOverCapacity(IClusterClient grains, string skill, IReadOnlyList<TicketView?> tickets)
    {
        var holders = new Dictionary<string, string>();
        foreach (var ticket in tickets.Where(t => t!.AssignedEngineerId is not null && t.Status is TicketStatus.Offered or TicketStatus.Accepted))
        {
            Assert.True(holders.TryAdd(ticket!.AssignedEngineerId!, ticket.Id), $"{ticket.AssignedEngineerId} holds two tickets");
        }
        for (var e = 0; e < 60; e++)
        {
            var view = await grains.GetGrain<IEngineerGrain>($"{skill}-e{e}").GetView();
            if (view is not null)
            {
                Assert.True(view.Jobs.Count + (view.Offer is null ? 0 : 1) <= view.Profile.Capacity, $"{view.Id} over capacity");
            }
        }
    }

    private static async Task<(string Customer, string Skill)> SetUpAsync(IClusterClient grains, int engineers)
    {
        var skill = "fx" + Guid.NewGuid().ToString("N")[..6];
        var customer = "c-" + skill;
        await grains.GetGrain<ISlaBookGrain>(0).SavePolicy(new SlaPolicyDocument
        {
            Id = "drill-" + skill,
            Name = "Drill: 15 second response",
            Match = new PolicyMatchDocument { Tiers = [skill] },
            Targets = [new SlaTargetDocument { Metric = "response", Target = TimeSpan.FromSeconds(15), Calendar = "24x7" }],
            Ladder =
            [
                new EscalationStepDocument { Id = "warn-50", Kind = "warning", Percent = 50 },
                new EscalationStepDocument { Id = "breach", Kind = "breach", Percent = 100, Level = 1 },
            ],
        }, 0, Actor.System);
        await grains.GetGrain<ICustomerGrain>(customer).Register(new CustomerProfile("Drill customer", skill, [], null), Actor.System);
        for (var e = 0; e < engineers; e++)
        {
            var engineer = grains.GetGrain<IEngineerGrain>($"{skill}-e{e}");
            var home = new Position(31.19 + (e % 10) * 0.008, 121.44 + (e / 10) * 0.01);
            await engineer.Register(new EngineerProfile($"Engineer {e}", new Dictionary<string, int> { [skill] = 70 }, home, null, 1), Actor.System);
            await engineer.SetPresence(ShownStatus.Available, Actor.System);
            await engineer.ReportPosition(new PositionReport(home.Lat, home.Lon, DateTimeOffset.UtcNow, 10));
        }
        return (customer, skill);
    }
}
