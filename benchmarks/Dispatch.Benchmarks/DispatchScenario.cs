using System.Diagnostics;
using Dispatch.Domain.Engineers;
using Dispatch.Domain.Geo;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Common;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Dispatching;
using Dispatch.Grains.Engineers;
using Dispatch.Grains.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Benchmarks;

/// <summary>
/// The in-process dispatch scenario shared by the benchmark and the profile mode: the sample city's auto-accept
/// region "tech-park" staffed with engineers who can take every ticket of a run, customers to open tickets for,
/// and batches of concurrent tickets each waited for (GetView polled) until it is Accepted.
/// </summary>
internal sealed class DispatchScenario : IAsyncDisposable
{
    public const string Region = "tech-park";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan TicketTimeout = TimeSpan.FromSeconds(60);
    private static readonly Actor Intake = new("bench-intake", "intake");

    private readonly Random _random = new(17);
    private string[] _customers = [];
    private Position[] _ticketSites = [];

    private DispatchScenario(InProcessCluster cluster) => Cluster = cluster;

    public InProcessCluster Cluster { get; }

    /// <summary>Tickets accepted so far.</summary>
    public long Tickets { get; private set; }

    /// <summary>GetView calls made while waiting for tickets to be accepted.</summary>
    public long Polls { get; private set; }

    public static async Task<DispatchScenario> StartAsync(int engineers, int capacity, int customers, Action<IServiceCollection>? services = null)
    {
        var scenario = new DispatchScenario(await InProcessCluster.StartAsync(services));
        await scenario.SetupAsync(engineers, capacity, customers);
        return scenario;
    }

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();

    /// <summary>Opens <paramref name="count"/> tickets at once and returns when every one of them is Accepted.</summary>
    public async Task DispatchBatchAsync(int count)
    {
        var grains = Cluster.Grains;
        var tickets = new ITicketGrain[count];
        var opens = new Task<TicketReply>[count];
        for (var i = 0; i < count; i++)
        {
            tickets[i] = grains.GetGrain<ITicketGrain>(TicketIds.New());
            var site = _ticketSites[_random.Next(_ticketSites.Length)];
            var customer = _customers[_random.Next(_customers.Length)];
            opens[i] = tickets[i].Open(new OpenTicket(customer, "Cooling failure", "", "repair", Priority.P3, site, ["hvac"], "api", null), Intake);
        }

        foreach (var reply in await Task.WhenAll(opens))
        {
            if (reply.Refusal is { } refusal)
            {
                throw new InvalidOperationException($"Open refused: {refusal.Message}");
            }
        }

        IReadOnlyList<ITicketGrain> pending = tickets;
        var started = Stopwatch.StartNew();
        while (true)
        {
            var views = await Task.WhenAll(pending.Select(t => t.GetView()));
            Polls += pending.Count;
            var still = new List<ITicketGrain>();
            for (var i = 0; i < views.Length; i++)
            {
                if (views[i]?.Status != TicketStatus.Accepted)
                {
                    still.Add(pending[i]);
                }
            }

            if (still.Count == 0)
            {
                break;
            }

            if (started.Elapsed > TicketTimeout)
            {
                var statuses = string.Join(", ", views.GroupBy(v => v?.Status.ToString() ?? "missing").Select(g => $"{g.Key}: {g.Count()}"));
                throw new TimeoutException($"{still.Count} of {count} tickets not accepted after {TicketTimeout} ({statuses}).");
            }

            pending = still;
            await Task.Delay(PollInterval);
        }

        Tickets += count;
    }

    private async Task SetupAsync(int engineers, int capacity, int customers)
    {
        var grains = Cluster.Grains;
        var map = RegionMap.FromGeoJson(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "regions", "sample-city.geojson")));
        if (!map.Get(Region).AutoAccept)
        {
            throw new InvalidOperationException($"Region '{Region}' is expected to auto-accept offers.");
        }

        var (south, west, north, east) = (31.1625, 121.503, 31.226, 121.575); // tech-park's bounding box
        Position InTechPark()
        {
            while (true)
            {
                var p = new Position(south + (_random.NextDouble() * (north - south)), west + (_random.NextDouble() * (east - west)));
                if (map.Locate(p)?.Id == Region)
                {
                    return p;
                }
            }
        }

        _customers = [.. Enumerable.Range(0, customers).Select(i => $"c-bench-{i:D5}")];
        foreach (var chunk in _customers.Chunk(200))
        {
            await Task.WhenAll(chunk.Select(id =>
                grains.GetGrain<ICustomerGrain>(id).Register(new CustomerProfile($"Benchmark customer {id}", "standard", [], null), Actor.System)));
        }

        var skills = new Dictionary<string, int>(StringComparer.Ordinal) { ["hvac"] = 80, ["electrical"] = 60 };
        var sites = Enumerable.Range(0, engineers).Select(_ => InTechPark()).ToArray();
        foreach (var chunk in Enumerable.Range(0, engineers).Chunk(100))
        {
            await Task.WhenAll(chunk.Select(async i =>
            {
                var engineer = grains.GetGrain<IEngineerGrain>($"bench-e{i:D5}");
                await engineer.Register(new EngineerProfile($"Bench engineer {i}", skills, sites[i], null, capacity), Actor.System);
                await engineer.SetPresence(ShownStatus.Available, Actor.System);
                var reply = await engineer.ReportPosition(new PositionReport(sites[i].Lat, sites[i].Lon, DateTimeOffset.UtcNow, 10));
                if (reply.Outcome != PositionOutcome.Accepted)
                {
                    throw new InvalidOperationException($"Engineer {i}: position {reply.Outcome} ({reply.Why}).");
                }
            }));
        }

        // Region updates are one-way: wait until the dispatcher indexes every engineer as available.
        var region = grains.GetGrain<IRegionDispatcherGrain>(Region);
        var deadline = Stopwatch.StartNew();
        while ((await region.GetView()).Engineers.Count(e => e.Available) < engineers)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException($"Region '{Region}' never indexed all {engineers} engineers.");
            }

            await Task.Delay(20);
        }

        _ticketSites = [.. Enumerable.Range(0, 4096).Select(_ => InTechPark())];
    }
}
