using Dispatch.Domain.Engineers;
using Dispatch.Domain.Geo;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Common;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Dispatching;
using Dispatch.Grains.Engineers;
using Dispatch.Grains.Events;
using Dispatch.Grains.Sla;
using Dispatch.Grains.Tickets;
using Dispatch.Silo.Reminders;
using Dispatch.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace Dispatch.Grains.Tests.Cluster;

/// <summary>
/// What a silo killed with SIGKILL leaves behind is picked up by the survivor through its own mechanism, not by
/// slow fallbacks: the tickets' retry interval is an hour here, and their reminders' next period a minute away.
/// Everything starts on the silo that is then killed, while it is the only one; the survivor starts in this process
/// (so the test can read its overdue sweep).
/// </summary>
public sealed class SiloLossRecoveryTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private static readonly Position Site = new(31.198, 121.4765);

    // Only the stored queue and the overdue sweep can serve what the lost silo held: the ticket's own retry is an
    // hour away, and an overdue reminder taken over fires at its next period, a minute after its instant. A silo that
    // starts while the only other one is dead cannot probe it into a death; it waits until that silo's heartbeat in
    // the table is three periods old: a 2 s heartbeat keeps that short.
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Sla:CacheFreshness"] = "00:00:00",
        ["Dispatch:RetryInterval"] = "01:00:00",
        ["Cluster:Membership:IAmAliveTablePublishTimeout"] = "00:00:02",
    };

    [Fact]
    public async Task Overdue_checkpoints_of_a_killed_silos_tickets_are_fired_by_the_survivors_sweep()
    {
        var doomed = SiloProcess.Start(postgres.ConnectionString, SiloHosts.SiloPorts.Free(), AsEnvironment(Settings));
        await using var _ = doomed;
        using var client = await ClusterClients.ThroughGatewayAsync(doomed.Ports.GatewayPort);
        var early = client.Services.GetRequiredService<IClusterClient>();
        await Eventually.Until(() => early.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true), h => h.Count == 1,
            TimeSpan.FromSeconds(90), "the first silo");

        // While it is the only silo, the tickets live there. No engineer: nothing but their checkpoints wakes them.
        var (customer, skill) = await SetUpAsync(early, response: TimeSpan.FromSeconds(4));
        var ids = Enumerable.Range(0, 12).Select(i => TicketIds.ForExternalId("silo-loss-test", "api", $"{skill}-{i}")).ToList();
        await Task.WhenAll(ids.Select(id => early.GetGrain<ITicketGrain>(id).Open(
            new OpenTicket(customer, "Leak", "", "repair", Priority.P3, Site, [skill], "api", id), Actor.System)));
        await doomed.KillAsync();

        // Their first checkpoint falls due while no silo holds them; then the survivor starts and takes over.
        var reminders = $"FROM orleans_reminder WHERE grain_id IN ({string.Join(",", ids.Select(id => $"'ticket/{id}'"))})";
        await Eventually.Until(() => postgres.Server.QueryScalarAsync<long>($"SELECT count(*) {reminders} AND start_time < now() - interval '1 second'"),
            overdue => overdue == ids.Count, TimeSpan.FromSeconds(60), "the tickets' first checkpoint to fall due");
        var killedAt = DateTimeOffset.UtcNow;
        using var survivor = await SiloHosts.StartAsync(postgres.ConnectionString, SiloHosts.SiloPorts.Free(), configuration: Settings);
        var sweep = survivor.Services.GetRequiredService<OverdueCheckpointSweep>();
        output.WriteLine($"the survivor started {DateTimeOffset.UtcNow - killedAt} after the checkpoints fell due");

        // Read from the event log, not through the grains: a call would activate a ticket and fire its checkpoints itself.
        var fired = await Eventually.Until(() => CheckpointsFiredAsync(ids), f => f.Pairs == ids.Count * 2,
            TimeSpan.FromSeconds(120), "the tickets' warnings and breaches");

        Assert.Equal(1L, fired.MostTimes);
        // The nudges were what woke them: a nudge counts once the ticket has answered, just after its events are stored.
        var caughtUp = await Eventually.Until(() => Task.FromResult(sweep.CaughtUp), n => n >= ids.Count, TimeSpan.FromSeconds(30),
            "the sweep to count the tickets it caught up");
        output.WriteLine($"the survivor's sweep caught up {caughtUp} tickets; all fired {DateTimeOffset.UtcNow - killedAt} after they fell due");
    }

    [Fact]
    public async Task A_ticket_queued_in_a_killed_silos_region_is_offered_when_an_engineer_frees_up_there()
    {
        var doomed = SiloProcess.Start(postgres.ConnectionString, SiloHosts.SiloPorts.Free(), AsEnvironment(Settings));
        await using var _ = doomed;
        using var client = await ClusterClients.ThroughGatewayAsync(doomed.Ports.GatewayPort);
        var early = client.Services.GetRequiredService<IClusterClient>();
        await Eventually.Until(() => early.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true), h => h.Count == 1,
            TimeSpan.FromSeconds(90), "the first silo");

        // While it is the only silo, the region, the engineer and the ticket all live there.
        var (customer, skill) = await SetUpAsync(early, response: TimeSpan.FromHours(1));
        var engineerId = $"{skill}-e0";
        await early.GetGrain<IEngineerGrain>(engineerId).Register(
            new EngineerProfile("Engineer 0", new Dictionary<string, int> { [skill] = 80 }, Site, null, 1), Actor.System);
        var ticketId = TicketIds.ForExternalId("silo-loss-test", "api", $"{skill}-queued");
        var opened = await early.GetGrain<ITicketGrain>(ticketId).Open(
            new OpenTicket(customer, "Leak", "", "repair", Priority.P2, Site, [skill], "api", ticketId), Actor.System);
        Assert.Null(opened.Refusal);

        using var survivor = await SiloHosts.StartAsync(postgres.ConnectionString, SiloHosts.SiloPorts.Free(), configuration: Settings);
        var grains = survivor.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);
        await Eventually.Until(() => management.GetHosts(onlyActive: true), h => h.Count == 2, TimeSpan.FromSeconds(90), "both silos");
        // The ticket was queued before the survivor existed: whatever region activation the survivor reaches from
        // now on (Orleans may briefly activate a second one while its directory hands a partition over) can only
        // know the ticket from the stored queue.
        var region = survivor.Services.GetRequiredService<RegionCatalog>().Locate(Site)!.Id;
        await doomed.KillAsync();
        await Eventually.Until(() => management.GetHosts(onlyActive: true), h => h.Count == 1, TimeSpan.FromSeconds(90),
            "the killed silo to be declared dead");

        // The region comes back on the survivor with the ticket still queued, though nobody asked again.
        var restored = await Eventually.Until(() => grains.GetGrain<IRegionDispatcherGrain>(region).GetView(), _ => true,
            TimeSpan.FromSeconds(60), "the region to be reactivated");
        Assert.Contains(restored.Queue, q => q.TicketId == ticketId);

        // An engineer frees up there: the queue is served at once. Positions keep coming, as a phone sends them.
        var engineer = grains.GetGrain<IEngineerGrain>(engineerId);
        Assert.Null((await engineer.SetPresence(ShownStatus.Available, Actor.System)).Refusal);
        var view = await Eventually.Until(async () =>
        {
            await engineer.ReportPosition(new PositionReport(Site.Lat, Site.Lon, DateTimeOffset.UtcNow, 10));
            return await grains.GetGrain<ITicketGrain>(ticketId).GetView();
        }, v => v!.Status == TicketStatus.Offered, TimeSpan.FromSeconds(60), "the queued ticket to be offered");
        Assert.Equal(engineerId, view!.AssignedEngineerId);
    }

    /// <summary>How many (ticket, checkpoint) pairs fired, and the most times one of them fired.</summary>
    private async Task<(long Pairs, long MostTimes)> CheckpointsFiredAsync(IReadOnlyList<string> tickets)
    {
        var streams = string.Join(",", tickets.Select(t => $"'{EventStreams.Ticket(t)}'"));
        var grouped = $"""
            SELECT stream, data->'details'->>'checkpoint' AS checkpoint, count(*) AS times FROM dispatch_events
             WHERE stream IN ({streams}) AND type IN ('sla.warning', 'sla.breached')
             GROUP BY 1, 2
            """;
        return (await postgres.Server.QueryScalarAsync<long>($"SELECT count(*) FROM ({grouped}) AS g"),
            await postgres.Server.QueryScalarAsync<long>($"SELECT coalesce(max(times), 0) FROM ({grouped}) AS g"));
    }

    private static Dictionary<string, string> AsEnvironment(Dictionary<string, string?> settings) =>
        settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);

    private static async Task<(string Customer, string Skill)> SetUpAsync(IGrainFactory grains, TimeSpan response)
    {
        var skill = "sl" + Guid.NewGuid().ToString("N")[..6];
        var customer = "c-" + skill;
        await grains.GetGrain<ISlaBookGrain>(0).SavePolicy(new SlaPolicyDocument
        {
            Id = "loss-" + skill,
            Name = "Silo loss: short response",
            Match = new PolicyMatchDocument { Tiers = [skill] },
            Targets = [new SlaTargetDocument { Metric = "response", Target = response, Calendar = "24x7" }],
            Ladder =
            [
                new EscalationStepDocument { Id = "warn-50", Kind = "warning", Percent = 50 },
                new EscalationStepDocument { Id = "breach", Kind = "breach", Percent = 100, Level = 1 },
            ],
        }, 0, Actor.System);
        await grains.GetGrain<ICustomerGrain>(customer).Register(new CustomerProfile("Loss customer", skill, [], null), Actor.System);
        return (customer, skill);
    }
}
