using Dispatch.Grains.Gathering;
using Microsoft.Extensions.Logging;

namespace Dispatch.Grains.Dispatching;

/// <summary>
/// The region dispatchers' intake on each silo: how the silo's engineers now stand (a position, a job taken or
/// finished, a shift begun) is gathered here and handed to each region in one message a tenth of a second after the
/// first report, instead of one message per report. The engineer stays the authority on whether it can take a job (a
/// region reserves before it offers), so a region that reads a tenth of a second late offers no one twice. What would
/// leave a region blind to an engineer or holding one who is gone (an engineer new to it, one who left) is handed over at
/// once, with what was gathered before it.
/// </summary>
/// <remarks>A service of the silo, not a grain: every position report and every change of every engineer passes here.</remarks>
public sealed class RosterFeed
{
    private static readonly TimeSpan HandOverAfter = TimeSpan.FromMilliseconds(100);

    private readonly Gatherer<Gathered> _gatherer;

    public RosterFeed(IGrainFactory grains, ILogger<RosterFeed> logger) =>
        _gatherer = new(HandOverAfter, () => new Gathered(), (region, gathered) => grains.Grain<IRegionDispatcherGrain>(region).RosterChanged(gathered.ToChanges()), logger);

    /// <summary>How the engineer stands now; <paramref name="atOnce"/> when the region has not heard of them yet.</summary>
    public Task EngineerChanged(string region, EngineerSnapshot engineer, bool atOnce)
    {
        if (atOnce)
        {
            return _gatherer.ReportNow(region, g => g.Engineers[engineer.EngineerId] = engineer);
        }
        _gatherer.Report(region, g => g.Engineers[engineer.EngineerId] = engineer);
        return Task.CompletedTask;
    }

    public Task EngineerLeft(string region, string engineerId) =>
        _gatherer.ReportNow(region, g => g.Engineers[engineerId] = null);

    // The latest word of each engineer: how they stand, or null when they left.
    private sealed class Gathered
    {
        public Dictionary<string, EngineerSnapshot?> Engineers { get; } = new(StringComparer.Ordinal);

        public RosterChanges ToChanges() => new(
            [.. Engineers.Values.OfType<EngineerSnapshot>()],
            [.. Engineers.Where(e => e.Value is null).Select(e => e.Key)]);
    }
}
