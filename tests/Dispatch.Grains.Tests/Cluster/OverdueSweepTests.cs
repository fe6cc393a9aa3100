using Dispatch.Domain.Geo;
using Dispatch.Domain.Sla;
using Dispatch.Grains.Common;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Events;
using Dispatch.Grains.Tickets;
using Dispatch.Silo.Reminders;
using Dispatch.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Grains.Tests.Cluster;

/// <summary>
/// The overdue sweep nudging a ticket that has nothing due (its reminder row disagrees with its state) does no harm:
/// nothing fires, and the row is put right so the next look does not find it again.
/// </summary>
public sealed class OverdueSweepTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_ticket_whose_reminder_row_looks_overdue_fires_nothing_and_its_row_moves_to_its_next_checkpoint()
    {
        // Only this test's own call sweeps.
        using var silo = await SiloHosts.StartAsync(postgres.ConnectionString, SiloHosts.SiloPorts.Free(),
            configuration: new Dictionary<string, string?> { ["OverdueSweep:Interval"] = "01:00:00" });
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        var sweep = silo.Services.GetRequiredService<OverdueCheckpointSweep>();
        var customer = "c-sweep-" + Guid.NewGuid().ToString("N")[..6];
        await grains.GetGrain<ICustomerGrain>(customer).Register(new CustomerProfile("Sweep customer", "standard", [], null), Actor.System);
        var id = TicketIds.New();
        var opened = await grains.GetGrain<ITicketGrain>(id).Open(
            new OpenTicket(customer, "Leak", "", "repair", Priority.P3, new Position(31.198, 121.4765), ["plumbing"], "api", null), Actor.System);
        Assert.Null(opened.Refusal);
        var row = $"FROM orleans_reminder WHERE grain_id LIKE '%/{id}' AND reminder_name = '{TicketGrain.WakeReminder}'";
        var events = $"SELECT count(*) FROM dispatch_events WHERE stream = '{EventStreams.Ticket(id)}'";
        var eventsBefore = await postgres.Server.QueryScalarAsync<long>(events);
        Assert.Equal(1L, await postgres.Server.QueryScalarAsync<long>($"SELECT count(*) {row} AND start_time > now()"));

        // As if the row had been written for an instant long past that the ticket's stored state does not know of (a
        // registration whose state write then failed, which drops the activation): the next activation is nudged.
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await postgres.Server.QueryScalarAsync<long>($"WITH moved AS (UPDATE orleans_reminder SET start_time = now() - interval '10 minutes' WHERE grain_id LIKE '%/{id}' RETURNING 1) SELECT count(*) FROM moved");
        Assert.True(await sweep.SweepOnceAsync(CancellationToken.None) >= 1);

        Assert.Equal(1L, sweep.CaughtUp);
        Assert.Equal(eventsBefore, await postgres.Server.QueryScalarAsync<long>(events));
        Assert.Equal(1L, await postgres.Server.QueryScalarAsync<long>($"SELECT count(*) {row} AND start_time > now()"));
        Assert.Equal(0, await sweep.SweepOnceAsync(CancellationToken.None));
    }
}
