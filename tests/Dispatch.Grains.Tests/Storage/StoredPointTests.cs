using Dispatch.Domain.Geo;
using Dispatch.Grains.Dispatching;
using Dispatch.Grains.Engineers;
using Dispatch.Grains.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Dispatch.Grains.Tests.Storage;

/// <summary>
/// Contracts carry the domain's <see cref="Position"/>. Those kept in grain state store it as the point object releases
/// up to 2026-12-01 wrote, which the serializer writes once and refers back to when two requests share it: state written
/// then is read, and state written now reads the same way. The others carry it through a surrogate of the same fields.
/// </summary>
public sealed class StoredPointTests
{
    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddSerializer(serializer => serializer
            .AddAssembly(typeof(OpenTicket).Assembly)
            .AddAssembly(typeof(RegionQueueState).Assembly)
            .AddAssembly(typeof(StoredPointTests).Assembly))
        .BuildServiceProvider();

    private static readonly Position Riverside = new(31.198, 121.4765);

    [Fact]
    public void A_ticket_request_stored_with_a_point_object_reads_as_a_position_and_is_stored_so_again()
    {
        var read = Reread<TicketLocationAsStored, OpenTicket>(new TicketLocationAsStored("Leak", new PointAsStored(31.198, 121.4765)));
        Assert.Equal(("Leak", Riverside), (read.Title, read.Location));

        Assert.Equal(new TicketLocationAsStored("Leak", new PointAsStored(31.2, 121.5)),
            Reread<OpenTicket, TicketLocationAsStored>(read with { Location = new Position(31.2, 121.5) }));
    }

    [Fact]
    public void A_region_queue_whose_requests_share_one_stored_point_reads_every_location()
    {
        var site = new PointAsStored(31.198, 121.4765);
        var queue = new RegionQueueAsStored
        {
            Waiting = new() { ["t-1"] = new QueuedRequestAsStored("t-1", site), ["t-2"] = new QueuedRequestAsStored("t-2", site) },
        };

        var read = Reread<RegionQueueAsStored, RegionQueueState>(queue);

        Assert.Equal([("t-1", Riverside), ("t-2", Riverside)], read.Waiting.Values.OrderBy(r => r.TicketId, StringComparer.Ordinal).Select(r => (r.TicketId, r.Location)));
        // The second request refers back to the first one's point: a value reads one request but not that reference,
        // which is why stored contracts keep the object.
        Assert.Equal(Riverside, Reread<QueuedRequestAsStored, QueuedRequestOfValue>(queue.Waiting["t-1"]).Location);
        Assert.ThrowsAny<Exception>(() => Reread<RegionQueueAsStored, RegionQueueOfValues>(queue));
    }

    [Fact]
    public void An_engineer_profile_keeps_its_home_base_as_the_stored_point()
    {
        var read = Reread<ProfileHomeAsStored, EngineerProfile>(new ProfileHomeAsStored("Li Na", new PointAsStored(31.198, 121.4765)));
        Assert.Equal(("Li Na", Riverside), (read.Name, read.HomeBase));
        Assert.Equal(new ProfileHomeAsStored("Li Na", new PointAsStored(31.3, 121.4)),
            Reread<EngineerProfile, ProfileHomeAsStored>(read with { HomeBase = new Position(31.3, 121.4) }));
    }

    [Fact]
    public void A_missing_stored_point_is_corrupt_state_not_the_origin()
    {
        var error = Assert.ThrowsAny<Exception>(() => Reread<TicketLocationAsStored, OpenTicket>(new TicketLocationAsStored("Leak", null)));
        Assert.Contains(typeof(InvalidDataException), StoredNameTests.Causes(error));
    }

    [Fact]
    public void A_position_in_a_message_reads_as_the_point_the_release_before_sent_and_back()
    {
        var snapshot = new EngineerSnapshot("e-1", Riverside, new Dictionary<string, int>(), 1, 0, true, "riverside", DateTimeOffset.UnixEpoch);

        Assert.Equal(new SnapshotAsBefore("e-1", new PointAsStored(31.198, 121.4765)), Reread<EngineerSnapshot, SnapshotAsBefore>(snapshot));
        Assert.Equal(new Position(31.3, 121.4), Reread<SnapshotAsBefore, EngineerSnapshot>(new SnapshotAsBefore("e-1", new PointAsStored(31.3, 121.4))).Position);
        Assert.Equal(Riverside, Reread<Position, Position>(Riverside));
    }

    private static TTo Reread<TFrom, TTo>(TFrom value)
    {
        var bytes = Services.GetRequiredService<Serializer<TFrom>>().SerializeToArray(value);
        return Services.GetRequiredService<Serializer<TTo>>().Deserialize(bytes)!;
    }
}

// The point as releases up to 2026-12-01 wrote it (an object), and the contracts holding it (field ids as in the
// contracts; only the fields read here).

[GenerateSerializer]
public sealed record PointAsStored([property: Id(0)] double Lat, [property: Id(1)] double Lon);

[GenerateSerializer]
public sealed record TicketLocationAsStored([property: Id(1)] string Title, [property: Id(5)] PointAsStored? Location);

[GenerateSerializer]
public sealed record QueuedRequestAsStored([property: Id(0)] string TicketId, [property: Id(1)] PointAsStored Location);

[GenerateSerializer]
public sealed class RegionQueueAsStored
{
    [Id(0)] public Dictionary<string, QueuedRequestAsStored> Waiting { get; set; } = [];
}

[GenerateSerializer]
public sealed record ProfileHomeAsStored([property: Id(0)] string Name, [property: Id(2)] PointAsStored HomeBase);

[GenerateSerializer]
public sealed record SnapshotAsBefore([property: Id(0)] string EngineerId, [property: Id(1)] PointAsStored Position);

// A queue whose requests held the position as a value.

[GenerateSerializer]
public sealed record QueuedRequestOfValue([property: Id(0)] string TicketId, [property: Id(1)] Position Location);

[GenerateSerializer]
public sealed class RegionQueueOfValues
{
    [Id(0)] public Dictionary<string, QueuedRequestOfValue> Waiting { get; set; } = [];
}
