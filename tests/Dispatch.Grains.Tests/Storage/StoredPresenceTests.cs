using Dispatch.Domain.Engineers;
using Dispatch.Grains.Engineers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Dispatch.Grains.Tests.Storage;

/// <summary>
/// An engineer's presence is a <see cref="ShownStatus"/>, stored as the number releases up to 2026-12-01 wrote for
/// the engineer status enum of then: each of those numbers reads as the status of the same name and is written back
/// as the same number, and any other number is corrupt state.
/// </summary>
public sealed class StoredPresenceTests
{
    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(EngineerState).Assembly).AddAssembly(typeof(StoredPresenceTests).Assembly))
        .BuildServiceProvider();

    public static TheoryData<EngineerStatusAsStored> Stored() => new(Enum.GetValues<EngineerStatusAsStored>());

    [Theory]
    [MemberData(nameof(Stored))]
    public void A_stored_presence_reads_as_the_status_of_its_name_and_is_stored_as_the_same_number(EngineerStatusAsStored stored)
    {
        var read = Reread<EngineerPresenceAsStored, EngineerState>(new EngineerPresenceAsStored { Presence = stored, DoneCount = 3 });
        Assert.Equal((stored.ToString(), 3), (read.Presence.ToString(), read.DoneCount));

        Assert.Equal(stored, Reread<EngineerState, EngineerPresenceAsStored>(read).Presence);
    }

    [Fact]
    public void Every_shown_status_has_its_stored_number()
    {
        Assert.Equal(Enum.GetNames<EngineerStatusAsStored>().Order(StringComparer.Ordinal), Enum.GetNames<ShownStatus>().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void A_stored_number_that_is_no_presence_is_corrupt_state_not_a_default(int number)
    {
        var error = Assert.ThrowsAny<Exception>(() =>
            Reread<EngineerPresenceAsStored, EngineerState>(new EngineerPresenceAsStored { Presence = (EngineerStatusAsStored)number }));
        Assert.Contains(typeof(InvalidDataException), StoredNameTests.Causes(error));
    }

    private static TTo Reread<TFrom, TTo>(TFrom value)
    {
        var bytes = Services.GetRequiredService<Serializer<TFrom>>().SerializeToArray(value);
        return Services.GetRequiredService<Serializer<TTo>>().Deserialize(bytes)!;
    }
}

/// <summary>The engineer status enum engineers' state stored its presence as, up to 2026-12-01.</summary>
public enum EngineerStatusAsStored
{
    Offline,
    Available,
    Offered,
    EnRoute,
    OnSite,
    OnBreak,
}

// Field ids as in EngineerState; only the fields read here.
[GenerateSerializer]
public sealed class EngineerPresenceAsStored
{
    [Id(1)] public EngineerStatusAsStored Presence { get; set; }

    [Id(8)] public int DoneCount { get; set; }
}
