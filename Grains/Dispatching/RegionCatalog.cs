using Dispatch.Domain.Geo;
using Dispatch.Grains.Tickets;
using Microsoft.Extensions.Options;

namespace Dispatch.Grains.Dispatching;

/// <summary>The service regions this cluster dispatches in, loaded once from the configured GeoJSON file.</summary>
public sealed class RegionCatalog(IOptions<DispatchOptions> options)
{
    private readonly Lazy<string> _geoJson = new(() => File.ReadAllText(
        Path.IsPathRooted(options.Value.RegionsFile) ? options.Value.RegionsFile : Path.Combine(AppContext.BaseDirectory, options.Value.RegionsFile)));

    private RegionMap? _map;

    public RegionMap Map => LazyInitializer.EnsureInitialized(ref _map, () => RegionMap.FromGeoJson(GeoJson));

    /// <summary>The regions file as it is: what the console draws.</summary>
    public string GeoJson => _geoJson.Value;

    public ServiceRegion? Locate(Position point) => Map.Locate(point);
}
