using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace Dispatch.Domain.Geo;

/// <summary>
/// The service regions of a deployment, loaded once from a GeoJSON FeatureCollection, answering "which region is
/// this point in". Immutable after loading, so one instance can be shared by every caller without locks.
/// </summary>
public sealed class RegionMap
{
    /// <summary>Regions closer than this count as neighbours when the file does not list them.</summary>
    public const double NeighbourGapMeters = 200;

    public const double DefaultSpeedKmh = 30;

    private readonly Lock _lookup = new();
    private readonly ServiceRegion[] _regions;
    private readonly IPreparedGeometry[] _prepared;
    private readonly Dictionary<string, int> _byId;
    private readonly STRtree<int> _envelopes;
    private readonly GeometryFactory _factory;

    private RegionMap(ServiceRegion[] regions, GeometryFactory factory)
    {
        _regions = regions;
        _factory = factory;
        _byId = new Dictionary<string, int>(StringComparer.Ordinal);
        _prepared = new IPreparedGeometry[regions.Length];
        // The regions never change, so a read-only STRtree over their envelopes is the right envelope index.
        _envelopes = new STRtree<int>();
        for (var i = 0; i < regions.Length; i++)
        {
            _byId[regions[i].Id] = i;
            _prepared[i] = PreparedGeometryFactory.Prepare(regions[i].Area);
            _envelopes.Insert(regions[i].Area.EnvelopeInternal, i);
        }

        _envelopes.Build();
    }

    /// <summary>The regions in file order.</summary>
    public IReadOnlyList<ServiceRegion> All => _regions;

    public static RegionMap FromGeoJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var features = RegionFileReader.Read(json, factory);
        var regions = RegionNeighbourhood.Complete(features);
        return new RegionMap(regions, factory);
    }

    /// <summary>
    /// The region covering <paramref name="p"/> (its boundary included), or null when the point is outside every
    /// region or not a valid position. On a shared border the region listed first in the file wins, so the answer
    /// is stable.
    /// </summary>
    /// <summary>
    /// The region a point is in. Safe to call from many threads: NetTopologySuite's prepared geometries and
    /// its envelope tree build their indexes lazily on first use and are not thread-safe, so lookups take turns.
    /// </summary>
    public ServiceRegion? Locate(Position p)
    {
        if (!p.IsValid)
        {
            return null;
        }
        lock (_lookup)
        {
            return LocateUnlocked(p);
        }
    }

    private ServiceRegion? LocateUnlocked(Position p)
    {

        var coordinate = new Coordinate(p.Lon, p.Lat);
        var hits = _envelopes.Query(new Envelope(coordinate));
        if (hits.Count == 0)
        {
            return null;
        }

        var point = _factory.CreatePoint(coordinate);
        var best = -1;
        foreach (var i in hits)
        {
            if ((best < 0 || i < best) && _prepared[i].Covers(point))
            {
                best = i;
            }
        }

        return best < 0 ? null : _regions[best];
    }

    public ServiceRegion Get(string id) =>
        TryGet(id, out var region)
            ? region
            : throw new KeyNotFoundException(string.Create(CultureInfo.InvariantCulture, $"No service region has the id '{id}'."));

    public bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ServiceRegion? region)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_byId.TryGetValue(id, out var i))
        {
            region = _regions[i];
            return true;
        }

        region = null;
        return false;
    }

    public IReadOnlyList<ServiceRegion> NeighboursOf(string id) => Get(id).Neighbours.Select(Get).ToList();
}
