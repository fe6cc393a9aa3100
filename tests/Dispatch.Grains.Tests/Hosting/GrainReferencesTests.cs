using Dispatch.Grains.Sla;
using Dispatch.Grains.Tests.Tickets;
using Dispatch.Grains.Tickets;

namespace Dispatch.Grains.Tests.Hosting;

/// <summary>A grain asked for by <see cref="GrainReferences"/> is the one Orleans' own <c>GetGrain</c> names, every time.</summary>
public sealed class GrainReferencesTests(TicketClusterFixture cluster) : IClassFixture<TicketClusterFixture>
{
    [Fact]
    public async Task A_grain_by_a_text_key_is_the_same_grain_at_the_first_ask_and_at_every_later_one()
    {
        var (_, opened) = await cluster.OpenAsync();
        var other = TicketIds.New();

        foreach (var id in new[] { opened.Id, other, opened.Id })
            AssertSame(cluster.Grains.GetGrain<ITicketGrain>(id), cluster.Grains.Grain<ITicketGrain>(id));

        Assert.Equal(opened.Title, (await cluster.Grains.Grain<ITicketGrain>(opened.Id).GetView())!.Title);
        Assert.Null(await cluster.Grains.Grain<ITicketGrain>(other).GetView());
    }

    [Fact]
    public async Task A_grain_by_a_number_is_the_same_grain_at_every_ask()
    {
        for (var i = 0; i < 3; i++)
            AssertSame(cluster.Grains.GetGrain<ISlaBookGrain>(i), cluster.Grains.Grain<ISlaBookGrain>(i));

        Assert.Equal((await cluster.Grains.GetGrain<ISlaBookGrain>(0).Read()).Version,
                     (await cluster.Grains.Grain<ISlaBookGrain>(0).Read()).Version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_key_names_no_grain(string key)
        => Assert.ThrowsAny<ArgumentException>(() => cluster.Grains.Grain<ITicketGrain>(key));

    private static void AssertSame(IAddressable expected, IAddressable actual)
    {
        var (want, got) = ((GrainReference)expected, (GrainReference)actual);
        Assert.Equal(want.GrainId, got.GrainId);
        Assert.Equal(want.InterfaceType, got.InterfaceType);
        Assert.Equal(want, got);
    }
}
