using Dispatch.Domain.Dispatching;
using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Tests.Dispatching;

public sealed class EngineerFactsTests
{
    private static readonly Position Site = new(31.198, 121.4765);

    [Fact]
    public void An_engineer_could_take_a_job_only_with_room_every_skill_and_within_the_radius()
    {
        // About 1.1 km north of the site.
        var engineer = new EngineerFacts("eng-1", new Position(31.208, 121.4765), new Dictionary<string, int> { ["hvac"] = 80, ["gas"] = 0 }, 2, 1, true);

        Assert.True(engineer.CouldTake(["hvac"], Site, 1_500));
        Assert.False(engineer.CouldTake(["hvac"], Site, 1_000));
        Assert.False(engineer.CouldTake(["hvac", "gas"], Site, 1_500));
        Assert.False((engineer with { ActiveJobs = 2 }).CouldTake(["hvac"], Site, 1_500));
        Assert.False((engineer with { Available = false }).CouldTake(["hvac"], Site, 1_500));
    }
}
