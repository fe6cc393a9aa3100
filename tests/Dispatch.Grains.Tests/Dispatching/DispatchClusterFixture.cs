using Dispatch.Domain.Engineers;
using Dispatch.Domain.Geo;
using Dispatch.Domain.Sla;
using Dispatch.Grains.Common;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Engineers;
using Dispatch.Grains.Tickets;
using Dispatch.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Dispatch.Grains.Tests.Dispatching;

/// <summary>
/// A silo on a private PostgreSQL with the sample city's regions, on a fake clock. Offers expire after a
/// minute of fake time; batch-mode regions solve every 250 ms of fake time, so waits move the clock on.
/// </summary>
public sealed class DispatchClusterFixture : IAsyncLifetime
{
    // Points well inside the sample city's districts.
    public static readonly Position Riverside = new(31.198, 121.4765);
    public static readonly Position Harbour = new(31.262, 121.535);
    public static readonly Position TechPark = new(31.196, 121.539);
    public static readonly Position OldTown = new(31.262, 121.4645);

    private IHost? _silo;

    public PrivatePostgres Database { get; private set; } = null!;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    public IGrainFactory Grains => _silo!.Services.GetRequiredService<IGrainFactory>();

    public string CustomerId { get; } = "c-dispatch";

    public async Task InitializeAsync()
    {
        Database = await PrivatePostgres.StartAsync();
        _silo = await SiloHosts.StartAsync(Database.ConnectionString, SiloHosts.SiloPorts.Free(), services: FakeClock.For(Clock));
        await Grains.GetGrain<ICustomerGrain>(CustomerId).Register(new CustomerProfile("Dispatch test customer", "standard", [], null), Actor.System);
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
        }
        await Database.DisposeAsync();
    }

    /// <summary>An engineer, registered, available, at a position reported now.</summary>
    public async Task<IEngineerGrain> EngineerAsync(string id, Position at, int capacity = 1, params string[] skills)
    {
        var engineer = Grains.GetGrain<IEngineerGrain>(id);
        var profile = new EngineerProfile($"Engineer {id}", (skills.Length == 0 ? ["hvac"] : skills).ToDictionary(s => s, _ => 80), at, null, capacity);
        await engineer.Register(profile, Actor.System);
        await engineer.SetPresence(ShownStatus.Available, Actor.System);
        var reply = await engineer.ReportPosition(new PositionReport(at.Lat, at.Lon, Clock.GetUtcNow(), 10));
        Assert.Equal(PositionOutcome.Accepted, reply.Outcome);
        return engineer;
    }

    public async Task<ITicketGrain> TicketAsync(Position at, string skill = "hvac", Priority priority = Priority.P3)
    {
        var ticket = Grains.GetGrain<ITicketGrain>(TicketIds.New());
        var reply = await ticket.Open(new OpenTicket(CustomerId, "Cooling failure", "", "repair", priority, at, [skill], "api", null), new Actor("intake", "intake"));
        Assert.Null(reply.Refusal);
        return ticket;
    }

    /// <summary>Lets background work (one-way calls, batch windows) happen: fake time moves on while waiting.</summary>
    public Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what) =>
        Eventually.Until(async () =>
        {
            Clock.Advance(TimeSpan.FromMilliseconds(300));
            return await probe();
        }, done, TimeSpan.FromSeconds(60), what);

    public Task<TicketView> TicketUntilAsync(ITicketGrain ticket, Func<TicketView, bool> done, string what) =>
        UntilAsync(async () => (await ticket.GetView())!, done, what);
}
