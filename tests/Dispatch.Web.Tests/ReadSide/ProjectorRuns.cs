using Dispatch.Silo.Projections;

namespace Dispatch.Web.Tests.ReadSide;

internal static class ProjectorRuns
{
    /// <summary>Projects batch after batch until nothing is left; how many events were applied.</summary>
    public static async Task<int> CatchUpAsync(ReadModelProjector projector)
    {
        var total = 0;
        int applied;
        while ((applied = await projector.ProjectOnceAsync()) > 0)
        {
            total += applied;
        }
        return total;
    }
}
