using System.Text.Json;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Common;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Events;
using Dispatch.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dispatch.Grains.Tests.Customers;

/// <summary>The customer grain on the silo's production wiring: grain state and the event journal in a real PostgreSQL.</summary>
public sealed class CustomerGrainTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly Actor Dispatcher = new("dana", "dispatcher");

    private static CustomerProfile Profile(string tier = "vip") => new(
        "Northwind Clinics",
        tier,
        [new CustomerSite("hq", "Head office", 31.2304, 121.4737, "1 Bund Road"), new CustomerSite("lab", "Lab", 31.2, 121.5)],
        new CustomerContract("c-2026", "vip-gold", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)),
        "+86 21 5555 0000",
        "ops@northwind.example");

    private static CustomerTicket BreachedP1(string id, DateTimeOffset now) =>
        new(id, "Scanner down", Priority.P1, "repair", TicketStatus.Closed, now.AddDays(-2), now.AddDays(-1), SlaBreached: true, IsOpen: false);

    private static CustomerTicket Opening(string id, DateTimeOffset at) =>
        new(id, "Printer jam", Priority.P3, "repair", TicketStatus.Dispatching, at, null, SlaBreached: false, IsOpen: true);

    private static SurveyResponse Negative(string ticketId, string stage) =>
        new(ticketId, new Survey(1, 0, "too slow", stage), DateTimeOffset.UtcNow);

    private async Task<IHost> StartSiloAsync(Action<IServiceCollection>? services = null, IDictionary<string, string?>? configuration = null)
    {
        return await SiloHosts.StartAsync(postgres.ConnectionString, SiloHosts.SiloPorts.Free(), configuration: configuration, services: s =>
        {
            s.AddCustomerServices();
            services?.Invoke(s);
        });
    }

    private static async Task StopAsync(IHost silo)
    {
        await silo.StopAsync();
        silo.Dispose();
    }

    private static ICustomerGrain Customer(IHost silo, string id) =>
        silo.Services.GetRequiredService<IGrainFactory>().GetGrain<ICustomerGrain>(id);

    private Task<long> CountEventsAsync(string customerId, string type) =>
        postgres.Server.QueryScalarAsync<long>(
            $"SELECT count(*) FROM dispatch_events WHERE stream = '{EventStreams.Customer(customerId)}' AND type = '{type}'");

    [Fact]
    public async Task Health_falling_below_the_threshold_appends_exactly_one_health_low_event()
    {
        var id = "health-" + Guid.NewGuid().ToString("N");
        var silo = await StartSiloAsync();
        try
        {
            var customer = Customer(silo, id);
            var registered = await customer.Register(Profile(), Dispatcher);
            Assert.Equal(100, registered.Health.Score);

            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < 5; i++)
            {
                await customer.TrackTicket(BreachedP1($"t-{i}", now));
            }

            var overview = (await customer.GetOverview())!;
            Assert.True(overview.Health.BelowThreshold);
            Assert.Equal(100 - 15 - 20 - 30, overview.Health.Score); // frequency 15, severity 20, breaches 30
            Assert.Equal(30, overview.Health.Penalties["sla-breaches"]);
            Assert.Equal(1L, await CountEventsAsync(id, CustomerEventTypes.HealthLow));

            var events = await silo.Services.GetRequiredService<IEventJournal>().ReadStreamAsync(EventStreams.Customer(id));
            Assert.Equal([1L, 2L], events.Select(e => e.Sequence));
            Assert.Equal([CustomerEventTypes.Registered, CustomerEventTypes.HealthLow], events.Select(e => e.Type));
            using var data = JsonDocument.Parse(events[1].Data);
            Assert.Equal(60, data.RootElement.GetProperty("threshold").GetInt32());
            Assert.Equal(Dispatcher, events[0].Actor);
        }
        finally
        {
            await StopAsync(silo);
        }
    }

    [Fact]
    public async Task The_alert_threshold_comes_from_configuration()
    {
        var id = "threshold-" + Guid.NewGuid().ToString("N");
        var silo = await StartSiloAsync(configuration: new Dictionary<string, string?> { ["Customers:HealthAlertThreshold"] = "30" });
        try
        {
            var customer = Customer(silo, id);
            await customer.Register(Profile(), Dispatcher);
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < 5; i++)
            {
                await customer.TrackTicket(BreachedP1($"t-{i}", now)); // 35 at the end: low, but not below 30
            }

            var overview = (await customer.GetOverview())!;
            Assert.Equal(35, overview.Health.Score);
            Assert.False(overview.Health.BelowThreshold);
            Assert.Equal(0L, await CountEventsAsync(id, CustomerEventTypes.HealthLow));

            await customer.TrackTicket(BreachedP1("t-5", now)); // 30
            await customer.TrackTicket(BreachedP1("t-6", now)); // 25: below 30
            await Eventually.Until(() => CountEventsAsync(id, CustomerEventTypes.HealthLow), c => c >= 1, what: "the one-way calls to be handled");
            Assert.Equal(1L, await CountEventsAsync(id, CustomerEventTypes.HealthLow));
        }
        finally
        {
            await StopAsync(silo);
        }
    }

    [Fact]
    public async Task A_customer_that_recovers_and_falls_again_is_alerted_again()
    {
        var id = "relapse-" + Guid.NewGuid().ToString("N");
        var silo = await StartSiloAsync();
        try
        {
            var customer = Customer(silo, id);
            await customer.Register(Profile(), Dispatcher);
            var now = DateTimeOffset.UtcNow;
            var breached = BreachedP1("t-1", now);

            await customer.TrackTicket(breached); // 100 - 20 - 30 = 50: below
            await customer.TrackTicket(breached with { Priority = Priority.P3, SlaBreached = false }); // 100: recovered
            await customer.TrackTicket(breached); // below again

            await Eventually.Until(() => CountEventsAsync(id, CustomerEventTypes.HealthLow), c => c >= 2, what: "the one-way calls to be handled");
            Assert.Equal(2L, await CountEventsAsync(id, CustomerEventTypes.HealthLow));
        }
        finally
        {
            await StopAsync(silo);
        }
    }

    [Fact]
    public async Task Three_negative_surveys_blaming_the_same_stage_append_one_process_review()
    {
        var id = "review-" + Guid.NewGuid().ToString("N");
        var silo = await StartSiloAsync();
        try
        {
            var customer = Customer(silo, id);
            await customer.Register(Profile(), Dispatcher);
            for (var i = 1; i <= 4; i++)
            {
                await customer.RecordSurvey(Negative($"t-{i}", "dispatch"));
            }

            // The review follows the third survey; the fourth, one way too, may still be on its way then.
            await Eventually.Until(() => CountEventsAsync(id, CustomerEventTypes.Survey), c => c >= 4, what: "the one-way calls to be handled");
            Assert.Equal(1L, await CountEventsAsync(id, CustomerEventTypes.ProcessReview));
            Assert.Equal(4L, await CountEventsAsync(id, CustomerEventTypes.Survey));
            Assert.Equal("dispatch", await postgres.Server.QueryScalarAsync<string>(
                $"SELECT data->>'stage' FROM dispatch_events WHERE stream = '{EventStreams.Customer(id)}' AND type = '{CustomerEventTypes.ProcessReview}'"));
            var overview = (await customer.GetOverview())!;
            Assert.Equal(["t-4", "t-3", "t-2", "t-1"], overview.Satisfaction.Select(s => s.TicketId));
        }
        finally
        {
            await StopAsync(silo);
        }
    }

    [Fact]
    public async Task A_burst_of_tickets_opening_for_one_customer_is_stored_in_a_few_writes_and_all_of_it_survives_a_restart()
    {
        const int Burst = 400;
        var id = "storm-" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        var first = await StartSiloAsync();
        try
        {
            var customer = Customer(first, id);
            await customer.Register(Profile(), Dispatcher);
            var terms = await Task.WhenAll(Enumerable.Range(0, Burst).Select(i => customer.OpenTicket(Opening($"storm-{i:000}", now.AddSeconds(i)))));
            Assert.All(terms, t => Assert.Equal("vip", t?.Tier));
            // One write per ticket would have made the stored version 1 + Burst: the tickets that came while a write was
            // in flight went together in the next one.
            var writes = await postgres.Server.QueryScalarAsync<int>(
                $"SELECT version FROM orleans_grain_state WHERE grain_type = 'customer' AND grain_id_ext LIKE '%{id}%'");
            Assert.InRange(writes, 2, Burst / 4);
        }
        finally
        {
            await StopAsync(first);
        }

        var second = await StartSiloAsync();
        try
        {
            var after = (await Customer(second, id).GetOverview())!;
            Assert.Equal(Enumerable.Range(0, Burst).Select(i => $"storm-{i:000}").Order(), after.OpenTickets.Select(t => t.TicketId).Order());
        }
        finally
        {
            await StopAsync(second);
        }
    }

    [Fact]
    public async Task The_overview_survives_a_silo_restart()
    {
        var id = "restart-" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        CustomerOverview before;
        var first = await StartSiloAsync();
        try
        {
            var customer = Customer(first, id);
            await customer.Register(Profile(), Dispatcher);
            await customer.TrackTicket(new CustomerTicket("open-1", "Printer jam", Priority.P3, "repair", TicketStatus.OnSite, now.AddHours(-3), null, false, true));
            await customer.TrackTicket(BreachedP1("closed-1", now));
            await customer.RecordSurvey(new SurveyResponse("closed-1", new Survey(4, 8, "fine", null), now));
            before = (await customer.GetOverview())!;
        }
        finally
        {
            await StopAsync(first);
        }

        var second = await StartSiloAsync();
        try
        {
            var customer = Customer(second, id);
            var after = await customer.GetOverview();

            Assert.NotNull(after);
            Assert.Equal(JsonSerializer.Serialize(before), JsonSerializer.Serialize(after));
            Assert.Equal("open-1", Assert.Single(after.OpenTickets).TicketId);
            Assert.Equal("closed-1", Assert.Single(after.RecentTickets).TicketId);
            Assert.Equal(new SlaOutcomes(1, 1, 0), after.SlaOutcomes);
            // The contract's policy applies to a ticket opened while it is valid, and not after.
            Assert.Equal(new ServiceTerms("vip", "vip-gold"), await customer.OpenTicket(Opening("in-contract", new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero))));
            Assert.Equal(new ServiceTerms("vip", null), await customer.OpenTicket(Opening("after-contract", new DateTimeOffset(2027, 1, 1, 9, 0, 0, TimeSpan.Zero))));

            // The event counter survived too: the next event continues the stream without a gap.
            await customer.Register(Profile(tier: "standard"), Dispatcher);
            var events = await second.Services.GetRequiredService<IEventJournal>().ReadStreamAsync(EventStreams.Customer(id));
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
            Assert.Equal(CustomerEventTypes.Updated, events[^1].Type);
        }
        finally
        {
            await StopAsync(second);
        }
    }

    [Fact]
    public async Task An_unknown_customer_has_no_overview_and_an_unchanged_profile_raises_no_event()
    {
        var id = "idle-" + Guid.NewGuid().ToString("N");
        var silo = await StartSiloAsync();
        try
        {
            var customer = Customer(silo, id);
            Assert.Null(await customer.GetOverview());
            Assert.Null(await customer.GetProfile());

            await customer.Register(Profile(), Dispatcher);
            await customer.Register(Profile(), Dispatcher);

            Assert.Equal(1L, await CountEventsAsync(id, CustomerEventTypes.Registered));
            Assert.Equal(0L, await CountEventsAsync(id, CustomerEventTypes.Updated));
        }
        finally
        {
            await StopAsync(silo);
        }
    }

    [Fact]
    public async Task A_change_the_store_refuses_leaves_no_event_and_is_forgotten()
    {
        var id = "refused-" + Guid.NewGuid().ToString("N");
        var silo = await StartSiloAsync();
        try
        {
            var customer = Customer(silo, id);
            var original = Profile();
            await customer.Register(original, Dispatcher);

            await using (await StoreRefusal.RefuseAsync(postgres.Server, "customer"))
            {
                await Assert.ThrowsAnyAsync<Exception>(() => customer.Register(original with { Name = "Renamed while the store refuses" }, Dispatcher));
            }

            Assert.Equal(original.Name, (await customer.GetProfile())!.Name);
            Assert.Equal(0L, await CountEventsAsync(id, CustomerEventTypes.Updated));

            // The same change again, now stored: exactly one event, with the next sequence number.
            await customer.Register(original with { Name = "Renamed" }, Dispatcher);
            var events = await silo.Services.GetRequiredService<IEventJournal>().ReadStreamAsync(EventStreams.Customer(id));
            Assert.Equal([CustomerEventTypes.Registered, CustomerEventTypes.Updated], events.Select(e => e.Type));
            Assert.Equal([1L, 2L], events.Select(e => e.Sequence));
        }
        finally
        {
            await StopAsync(silo);
        }
    }
}
