using System.Text.Json;
using Dispatch.Domain.Engineers;
using Dispatch.Domain.Geo;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Common;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Engineers;
using Dispatch.Grains.Tickets;
using Dispatch.Testing;

namespace Dispatch.Grains.Tests.Upgrade;

/// <summary>
/// A small record of what a release stored: a customer, two engineers, and tickets left waiting, accepted,
/// resolved and cancelled, each with its status and timeline. Written through the grains of this release; a
/// later release (or a restored backup) must read the same things back from the database.
/// </summary>
public sealed record ReleaseSample(
    string CustomerId,
    string CustomerName,
    IReadOnlyList<SampleEngineer> Engineers,
    IReadOnlyList<SampleTicket> Tickets)
{
    private const string Skill = "upgrade-fx";
    private const string SkillNobodyHas = "upgrade-nobody";
    private static readonly Position Riverside = new(31.198, 121.4765);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes the sample through the grains and reads back what was stored.</summary>
    public static async Task<ReleaseSample> WriteAsync(IGrainFactory grains)
    {
        const string customer = "c-upgrade";
        await grains.GetGrain<ICustomerGrain>(customer).Register(
            new CustomerProfile("Upgrade Sample Ltd", "standard", [new CustomerSite("hq", "Head office", Riverside.Lat, Riverside.Lon)], null),
            Actor.System);
        string[] engineerIds = ["e-upgrade-1", "e-upgrade-2"];
        foreach (var (engineerId, n) in engineerIds.Select((e, n) => (e, n)))
        {
            var engineer = grains.GetGrain<IEngineerGrain>(engineerId);
            var home = new Position(Riverside.Lat + 0.002 * (n + 1), Riverside.Lon);
            await engineer.Register(new EngineerProfile($"Engineer {n + 1}", new Dictionary<string, int> { [Skill] = 80 }, home, null, 1), Actor.System);
            await engineer.SetPresence(ShownStatus.Available, Actor.System);
            await engineer.ReportPosition(new PositionReport(home.Lat, home.Lon, DateTimeOffset.UtcNow, 10));
        }

        var waiting = await OpenAsync(grains, customer, "waiting", SkillNobodyHas);
        var cancelled = await OpenAsync(grains, customer, "cancelled", SkillNobodyHas);
        await cancelled.Cancel(new Actor("dana", "dispatcher"), "customer fixed it");

        // Each engineer takes one job at a time, so the second ticket is offered to whoever is still free.
        var accepted = await OpenAsync(grains, customer, "accepted", Skill);
        await AcceptOfferAsync(grains, accepted);
        var resolved = await OpenAsync(grains, customer, "resolved", Skill);
        var fixer = await AcceptOfferAsync(grains, resolved);
        var by = new Actor(fixer.GetPrimaryKeyString(), "engineer");
        var id = resolved.GetPrimaryKeyString();
        await fixer.ReportEnRoute(id, by, null);
        await fixer.ReportArrival(id, by, null);
        var done = await fixer.ReportResolved(id, by, "replaced the fan", ["fan-motor"], null);
        Assert.Null(done.Refusal);

        return await ReadAsync(grains, customer, engineerIds, [waiting, cancelled, accepted, resolved]);
    }

    /// <summary>Reads the sample's customer, engineers and tickets as the running release serves them now.</summary>
    public async Task<ReleaseSample> ReadAgainAsync(IGrainFactory grains) =>
        await ReadAsync(grains, CustomerId, Engineers.Select(e => e.Id),
            Tickets.Select(t => grains.GetGrain<ITicketGrain>(t.Id)));

    /// <summary>
    /// What was stored is served again: the same status, assignee and jobs, and each timeline starting with
    /// the stored events (checkpoints that came due since may follow them). The one status that time alone changes: a
    /// resolved ticket whose survey window ran out since is closed by its automatic close, as soon as it is served.
    /// </summary>
    public void AssertServedAgainBy(ReleaseSample now)
    {
        Assert.Equal(CustomerName, now.CustomerName);
        Assert.Equal(Engineers, now.Engineers, (a, b) => a.Id == b.Id && a.Name == b.Name && a.Jobs.SequenceEqual(b.Jobs));
        foreach (var stored in Tickets)
        {
            var served = now.Tickets.Single(t => t.Id == stored.Id);
            var closedSince = stored.Status == "Resolved" && served.Status == "Closed"
                && served.Timeline.Skip(stored.Timeline.Count).Any(e => e.What == "ticket.closed" && e.By == "system")
                && stored.Timeline.Last(e => e.What == "ticket.resolved").At + new TicketOptions().SurveyWindow <= DateTimeOffset.UtcNow;
            Assert.True(stored.Status == served.Status || closedSince, $"{stored.Id}: stored {stored.Status}, served {served.Status}");
            Assert.Equal(stored.AssignedEngineerId, served.AssignedEngineerId);
            Assert.True(served.Timeline.Count >= stored.Timeline.Count, $"{stored.Id}: the timeline lost events");
            Assert.Equal(stored.Timeline, served.Timeline.Take(stored.Timeline.Count));
        }
    }

    public static ReleaseSample Load(string path) =>
        JsonSerializer.Deserialize<ReleaseSample>(File.ReadAllText(path), Json) ?? throw new InvalidDataException(path);

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    private static async Task<ITicketGrain> OpenAsync(IGrainFactory grains, string customer, string name, string skill)
    {
        var id = TicketIds.ForExternalId("upgrade-sample", "api", name);
        var ticket = grains.GetGrain<ITicketGrain>(id);
        var reply = await ticket.Open(new OpenTicket(customer, $"Sample: {name}", "Written by the upgrade sample", "repair", Priority.P3,
            Riverside, [skill], "api", id), Actor.System);
        Assert.Null(reply.Refusal);
        return ticket;
    }

    private static async Task<IEngineerGrain> AcceptOfferAsync(IGrainFactory grains, ITicketGrain ticket)
    {
        var offered = await Eventually.Until(ticket.GetView, t => t?.Status == TicketStatus.Offered, TimeSpan.FromSeconds(60), "the offer");
        var engineerId = offered!.AssignedEngineerId!;
        var engineer = grains.GetGrain<IEngineerGrain>(engineerId);
        var reply = await engineer.Accept(offered.Id, new Actor(engineerId, "engineer"), null);
        Assert.Null(reply.Refusal);
        return engineer;
    }

    private static async Task<ReleaseSample> ReadAsync(IGrainFactory grains, string customer, IEnumerable<string> engineerIds, IEnumerable<ITicketGrain> tickets)
    {
        var profile = await grains.GetGrain<ICustomerGrain>(customer).GetProfile();
        var engineers = new List<SampleEngineer>();
        foreach (var id in engineerIds)
        {
            var view = await grains.GetGrain<IEngineerGrain>(id).GetView();
            engineers.Add(new SampleEngineer(id, view?.Profile.Name ?? "(missing)", view?.Jobs ?? []));
        }
        var sampled = new List<SampleTicket>();
        foreach (var ticket in tickets)
        {
            var view = await ticket.GetView();
            sampled.Add(view is null
                ? new SampleTicket(ticket.GetPrimaryKeyString(), "(missing)", null, [])
                : new SampleTicket(view.Id, view.Status.ToString(), view.AssignedEngineerId, view.Timeline.Select(e => new SampleEvent(e.At, e.What, e.By)).ToList()));
        }
        return new ReleaseSample(customer, profile?.Name ?? "(missing)", engineers, sampled);
    }
}

public sealed record SampleEngineer(string Id, string Name, IReadOnlyList<string> Jobs);

public sealed record SampleTicket(string Id, string Status, string? AssignedEngineerId, IReadOnlyList<SampleEvent> Timeline);

public sealed record SampleEvent(DateTimeOffset At, string What, string By);
