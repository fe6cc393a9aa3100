using Dispatch.Domain.Geo;
using Dispatch.Domain.Sla;
using Dispatch.Grains.Common;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Sla;
using Dispatch.Grains.Tickets;
using Dispatch.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Dispatch.Grains.Tests.Tickets;

/// <summary>
/// A silo on a private PostgreSQL whose grains live on a fake clock, with a short test SLA policy: a
/// response target of 10 minutes, warnings at 50% and 75%, the breach, and two escalation levels.
/// </summary>
public sealed class TicketClusterFixture : IAsyncLifetime
{
    public const string TestTier = "test-gold";
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    private IHost? _silo;

    public PrivatePostgres Database { get; private set; } = null!;

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>The grain calls the silo received since it started.</summary>
    public GrainCallLog Calls { get; } = new();

    public IGrainFactory Grains => _silo!.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
    {
        Database = await PrivatePostgres.StartAsync();
        await StartSiloAsync();
        await Grains.GetGrain<ISlaBookGrain>(0).SavePolicy(TestPolicy(), 0, Actor.System);
    }

    /// <summary>Stops the silo gracefully and starts a new one on the same database and clock.</summary>
    public async Task RestartSiloAsync(Func<Task>? whileDown = null)
    {
        await StopSiloAsync();
        if (whileDown is not null)
        {
            await whileDown();
        }
        await StartSiloAsync();
    }

    public async Task<string> CustomerAsync(string tier = TestTier)
    {
        var id = "c-" + Guid.NewGuid().ToString("N")[..10];
        await Grains.GetGrain<ICustomerGrain>(id).Register(new CustomerProfile("Test customer", tier, [], null), Actor.System);
        return id;
    }

    public async Task<(ITicketGrain Ticket, TicketView View)> OpenAsync(string? customerId = null, Priority priority = Priority.P3, string serviceType = "repair")
    {
        var id = TicketIds.New();
        var ticket = Grains.GetGrain<ITicketGrain>(id);
        var reply = await ticket.Open(new OpenTicket(customerId ?? await CustomerAsync(), "Boiler broken", "no hot water", serviceType, priority,
            new Position(31.23, 121.47), ["boiler"], "phone", null), new Actor("intake-test", "intake"));
        Assert.Null(reply.Refusal);
        return (ticket, reply.Ticket!);
    }

    public async Task DisposeAsync()
    {
        await StopSiloAsync();
        await Database.DisposeAsync();
    }

    private async Task StartSiloAsync() =>
        _silo = await SiloHosts.StartAsync(Database.ConnectionString, SiloHosts.SiloPorts.Free(),
            services: s =>
            {
                FakeClock.For(Clock)(s);
                s.AddSingleton<IIncomingGrainCallFilter>(Calls);
            },
            configuration: new Dictionary<string, string?> { ["Sla:CacheFreshness"] = "00:00:00" });

    private async Task StopSiloAsync()
    {
        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
            _silo = null;
        }
    }

    private static SlaPolicyDocument TestPolicy() => new()
    {
        Id = "test-short",
        Name = "Test: 10 minute response",
        Match = new PolicyMatchDocument { Tiers = [TestTier] },
        Targets =
        [
            new SlaTargetDocument { Metric = "response", Target = TimeSpan.FromMinutes(10), Calendar = "24x7" },
            new SlaTargetDocument { Metric = "resolution", Target = TimeSpan.FromHours(4), Calendar = "24x7" },
        ],
        Ladder =
        [
            new EscalationStepDocument { Id = "warn-50", Kind = "warning", Percent = 50, Metrics = ["response"], Actions = [new() { Type = "alertRole", Role = "dispatcher" }] },
            new EscalationStepDocument { Id = "warn-75", Kind = "warning", Percent = 75, Metrics = ["response"] },
            new EscalationStepDocument { Id = "breach", Kind = "breach", Percent = 100, Level = 1, Metrics = ["response"], Actions = [new() { Type = "widenSearch", Factor = 2 }] },
            new EscalationStepDocument { Id = "supervisor", Kind = "escalation", AfterBreach = TimeSpan.FromMinutes(5), Level = 2, Metrics = ["response"], Actions = [new() { Type = "raisePriority" }] },
            new EscalationStepDocument { Id = "director", Kind = "escalation", AfterBreach = TimeSpan.FromMinutes(10), Level = 3, Metrics = ["response"], Actions = [new() { Type = "alertRole", Role = "director" }] },
        ],
    };
}
