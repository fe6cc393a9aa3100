using Dispatch.Domain.Geo;
using Dispatch.Grains.Tickets;
using Microsoft.Extensions.Options;

namespace Dispatch.Grains.Dispatching;

/// <summary>The service regions this cluster dispatches in, loaded once from the configured GeoJSON file.</summary>
public sealed class RegionCatalog(IOptions<DispatchOptions> options)
{
    private readonly Lazy<RegionMap> _map = new(() =>
    {
        var path = Path.IsPathRooted(options.Value.RegionsFile)
            ? options.Value.RegionsFile
            : Path.Combine(AppContext.BaseDirectory, options.Value.RegionsFile);
        return RegionMap.FromGeoJson(File.ReadAllText(path));
    });

    public RegionMap Map => _map.Value;

    public ServiceRegion? Locate(GeoPoint point) => Map.Locate(new Position(point.Lat, point.Lon));
}
