using Dispatch.Domain.Geo;
using Dispatch.Grains.Tickets;

namespace Dispatch.Web.Api;

/// <summary>
/// The cluster's service types, waiting reasons and regions, asked of the cluster once a minute at most, so
/// that a request is judged field by field in one pass on the web node: a bad service type is named together
/// with a bad title, and an unknown region id never reaches (nor activates) a region grain.
/// </summary>
public sealed class KnownNames(IClusterClient cluster, TimeProvider clock)
{
    /// <summary>Configuration changes with a restart of the silos; a minute old is fresh enough.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);

    private Snapshot? _current;

    public sealed class Snapshot(ServiceCatalog catalog, DateTimeOffset readAt)
    {
        public DateTimeOffset ReadAt { get; } = readAt;

        public IReadOnlyList<string> ServiceTypes { get; } = catalog.ServiceTypes;

        public IReadOnlyList<string> WaitingReasons { get; } = catalog.WaitingReasons;

        public RegionMap Regions { get; } = RegionMap.FromGeoJson(catalog.RegionsGeoJson);

        public bool IsRegion(string id) => Regions.TryGet(id, out _);
    }

    public async Task<Snapshot> CurrentAsync()
    {
        var now = clock.GetUtcNow();
        if (_current is { } current && now - current.ReadAt < Freshness)
        {
            return current;
        }
        // Two requests racing here both ask; the answers are the same, the last one stays.
        var fresh = new Snapshot(await cluster.Grain<IServiceCatalogGrain>(0).Read(), now);
        _current = fresh;
        return fresh;
    }
}
