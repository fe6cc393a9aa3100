using System.Diagnostics.CodeAnalysis;
using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Dispatching;

/// <summary>
/// Where the engineers are, for "the k nearest qualifying engineers" in microseconds while positions change all
/// the time. A uniform grid of square cells in a local equirectangular projection around an origin (a region's
/// centre): moving an engineer is a hash lookup and, when the cell changes, a swap-remove and an append, with no
/// rebuild (an STRtree is read-only once built; NTS's Quadtree pads point envelopes to a coordinate unit).
/// <para>
/// Search is exact in great-circle distance: cells are visited in square rings around the query's cell, and the
/// search stops only when every point outside the visited block is provably farther than the k-th best found
/// (or the radius). Because the projection is separable, the block is a lat/lon box, and the distance from the
/// query to anything outside it is bounded below exactly: by R·Δφ across a parallel, and by
/// R·asin(cos φ · sin Δλ) across a meridian (the cross-track distance to it, at the query's own latitude).
/// </para>
/// <para>
/// Engineers more than 90° of longitude from the origin (never in practice; a bad feed perhaps) are kept aside
/// and always scanned, which keeps those bounds valid without wrapping the grid around the antimeridian.
/// Not thread-safe: one region dispatcher owns one index.
/// </para>
/// </summary>
public sealed class EngineerIndex
{
    /// <summary>
    /// Measured over the sample city (100k engineers: ~330 per km²; 10k: ~33 per km²), 500 m cells were as fast
    /// as or faster than 100, 250 and 1,000 m at both densities for k = 1 and k = 16. Much smaller cells cost
    /// empty-cell probes in sparse areas; much larger ones scan too many engineers. Never a wrong answer either way.
    /// </summary>
    public const double DefaultCellSizeMeters = 500;

    private const double MaxLongitudeFromOrigin = 90;
    private const double RadiansPerDegree = Math.PI / 180.0;

    private readonly double _originLat;
    private readonly double _originLon;
    private readonly double _cellLatDegrees;
    private readonly double _cellLonDegrees;
    private readonly Dictionary<string, Slot> _engineers = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Cell> _cells = [];
    private readonly Stack<Cell> _spareCells = new();
    private readonly Cell _faraway = new(0, 0);
    private readonly SkillBits _skillBits = new();

    // The extent of cells ever occupied. It only grows, which is conservative: a search may look at a few empty
    // cells it could have skipped.
    private int _minCx = int.MaxValue;
    private int _maxCx = int.MinValue;
    private int _minCy = int.MaxValue;
    private int _maxCy = int.MinValue;

    public EngineerIndex(Position origin, double cellSizeMeters = DefaultCellSizeMeters)
    {
        if (!origin.IsValid || Math.Abs(origin.Lat) > 85)
        {
            throw new ArgumentOutOfRangeException(nameof(origin), origin, "The origin must be a valid position within 85° of the equator.");
        }

        if (!double.IsFinite(cellSizeMeters) || cellSizeMeters < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(cellSizeMeters), cellSizeMeters, "The cell size must be at least 1 m.");
        }

        var projection = new LocalProjection(origin.Lat);
        _originLat = origin.Lat;
        _originLon = origin.Lon;
        _cellLatDegrees = cellSizeMeters / projection.MetersPerDegreeLat;
        _cellLonDegrees = cellSizeMeters / projection.MetersPerDegreeLon;
        Origin = origin;
        CellSizeMeters = cellSizeMeters;
    }

    public Position Origin { get; }

    public double CellSizeMeters { get; }

    public int Count => _engineers.Count;

    public IEnumerable<EngineerFacts> Engineers => _engineers.Values.Select(s => s.Facts);

    public bool Contains(string id) => _engineers.ContainsKey(id);

    public bool TryGet(string id, [NotNullWhen(true)] out EngineerFacts? facts)
    {
        if (_engineers.TryGetValue(id, out var slot))
        {
            facts = slot.Facts;
            return true;
        }

        facts = null;
        return false;
    }

    /// <summary>
    /// Adds an engineer, or replaces what is known about one (position, skills, load, availability). The facts are
    /// a snapshot: the index reads the skills once here, so a changed skills dictionary needs another Upsert.
    /// </summary>
    public void Upsert(EngineerFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(facts.Id);
        ArgumentNullException.ThrowIfNull(facts.Skills);
        if (!facts.Position.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(facts), facts.Position, $"Engineer '{facts.Id}' has an invalid position.");
        }

        var entry = EntryFor(facts);
        var cell = CellFor(facts.Position);
        if (_engineers.TryGetValue(facts.Id, out var slot))
        {
            slot.Facts = facts;
            if (ReferenceEquals(slot.Cell, cell))
            {
                // The common move: a few metres within the same cell.
                entry.Slot = slot;
                cell.Items[slot.IndexInCell] = entry;
                return;
            }

            Detach(slot);
        }
        else
        {
            slot = new Slot(facts);
            _engineers.Add(facts.Id, slot);
        }

        entry.Slot = slot;
        Attach(slot, cell, entry);
    }

    public bool Remove(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!_engineers.Remove(id, out var slot))
        {
            return false;
        }

        Detach(slot);
        return true;
    }

    /// <summary>
    /// The <paramref name="k"/> nearest engineers by great-circle distance that are available, under capacity,
    /// hold every required skill, pass <paramref name="extraFilter"/> and are within
    /// <paramref name="radiusMeters"/> (inclusive), nearest first; equal distances in ordinal id order.
    /// </summary>
    public IReadOnlyList<Candidate> Nearest(
        Position from,
        int k,
        double radiusMeters,
        IReadOnlyCollection<string> requiredSkills,
        Func<EngineerFacts, bool>? extraFilter = null)
    {
        CandidateQuery.Validate(from, k, radiusMeters, requiredSkills);
        if (k <= 0 || _engineers.Count == 0)
        {
            return [];
        }

        var search = new Search(from, radiusMeters, requiredSkills, _skillBits, extraFilter, new NearestSet(k));
        search.Scan(_faraway);
        var lonFromOrigin = LongitudeFromOrigin(from.Lon);
        if (Math.Abs(lonFromOrigin) > MaxLongitudeFromOrigin || _cells.Count == 0)
        {
            // The ring bounds assume longitudes differ by at most 180° within the grid; far queries just scan.
            foreach (var cell in _cells.Values)
            {
                search.Scan(cell);
            }

            return search.Best.ToList();
        }

        search.LatDegrees = from.Lat;
        search.LonFromOrigin = lonFromOrigin;
        var qcx = CellX(lonFromOrigin);
        var qcy = CellY(from.Lat);
        for (var r = 0; ; r++)
        {
            VisitRing(search, qcx, qcy, r);
            var threshold = Math.Min(radiusMeters, search.Best.WorstDistance);
            if (DistanceBeyondBlock(from, lonFromOrigin, qcx, qcy, r) > threshold || BlockCoversExtent(qcx, qcy, r))
            {
                break;
            }

            if (8L * (r + 1) > _cells.Count)
            {
                // The next rings hold more cell positions than there are occupied cells (a sparse fleet): visit
                // the occupied cells outside the block directly instead of probing empty positions.
                foreach (var cell in _cells.Values)
                {
                    if (Math.Max(Math.Abs((long)cell.Cx - qcx), Math.Abs((long)cell.Cy - qcy)) > r)
                    {
                        ScanIfNear(search, cell);
                    }
                }

                break;
            }
        }

        return search.Best.ToList();
    }

    private void VisitRing(Search search, int qcx, int qcy, int r)
    {
        // Only cell positions inside the occupied extent can hold anyone; clamping skips the rest of the ring.
        long x0 = Math.Max((long)qcx - r, _minCx), x1 = Math.Min((long)qcx + r, _maxCx);
        long y0 = Math.Max((long)qcy - r, _minCy), y1 = Math.Min((long)qcy + r, _maxCy);
        if (x0 > x1 || y0 > y1)
        {
            return;
        }

        if (r == 0)
        {
            VisitCell(search, qcx, qcy);
            return;
        }

        if (qcy - r >= _minCy)
        {
            for (var x = x0; x <= x1; x++)
            {
                VisitCell(search, (int)x, qcy - r);
            }
        }

        if (qcy + r <= _maxCy)
        {
            for (var x = x0; x <= x1; x++)
            {
                VisitCell(search, (int)x, qcy + r);
            }
        }

        var innerY0 = Math.Max(y0, (long)qcy - r + 1);
        var innerY1 = Math.Min(y1, (long)qcy + r - 1);
        for (var y = innerY0; y <= innerY1; y++)
        {
            if (qcx - r >= _minCx)
            {
                VisitCell(search, qcx - r, (int)y);
            }

            if (qcx + r <= _maxCx)
            {
                VisitCell(search, qcx + r, (int)y);
            }
        }
    }

    private void VisitCell(Search search, int cx, int cy)
    {
        if (_cells.TryGetValue(Key(cx, cy), out var cell))
        {
            ScanIfNear(search, cell);
        }
    }

    /// <summary>
    /// Scans a cell unless its box is provably farther than the search's limit: in the outer rings most cells are
    /// only corners of the square, beyond the k-th best, and skipping them saves a haversine per engineer.
    /// </summary>
    private void ScanIfNear(Search search, Cell cell)
    {
        var south = _originLat + (cell.Cy * _cellLatDegrees);
        var west = cell.Cx * _cellLonDegrees;
        var dLat = Math.Max(0, Math.Max(south - search.LatDegrees, search.LatDegrees - (south + _cellLatDegrees)));
        var dLon = Math.Max(0, Math.Max(west - search.LonFromOrigin, search.LonFromOrigin - (west + _cellLonDegrees)));
        var bound = Math.Max(AcrossParallel(dLat), AcrossMeridian(dLon, search.CosLat));
        if (bound <= search.PruneAbove)
        {
            search.Scan(cell);
        }
    }

    /// <summary>
    /// A lower bound on the great-circle distance from <paramref name="from"/> to any point outside the block of
    /// cells within Chebyshev distance <paramref name="r"/> of the query's cell, a little under the true bound so
    /// that rounding can never make it too large.
    /// </summary>
    private double DistanceBeyondBlock(Position from, double lonFromOrigin, int qcx, int qcy, int r)
    {
        var south = _originLat + ((qcy - (double)r) * _cellLatDegrees);
        var north = _originLat + ((qcy + r + 1.0) * _cellLatDegrees);
        var west = (qcx - (double)r) * _cellLonDegrees;
        var east = (qcx + r + 1.0) * _cellLonDegrees;
        var cosLat = Math.Cos(from.Lat * RadiansPerDegree);

        var bound = double.PositiveInfinity;
        if (south > -90)
        {
            bound = Math.Min(bound, AcrossParallel(from.Lat - south));
        }

        if (north < 90)
        {
            bound = Math.Min(bound, AcrossParallel(north - from.Lat));
        }

        if (west > -MaxLongitudeFromOrigin)
        {
            bound = Math.Min(bound, AcrossMeridian(lonFromOrigin - west, cosLat));
        }

        if (east < MaxLongitudeFromOrigin)
        {
            bound = Math.Min(bound, AcrossMeridian(east - lonFromOrigin, cosLat));
        }

        return bound - (bound * 1e-9) - 1e-3;
    }

    private static double AcrossParallel(double degrees) => GreatCircle.EarthRadiusMeters * Math.Max(0, degrees) * RadiansPerDegree;

    // The nearest point of a meridian Δλ away is at cross-track distance asin(cos φ · sin Δλ); beyond 90° of
    // longitude the nearest point is the pole, which the same formula gives at Δλ = 90°.
    private static double AcrossMeridian(double degrees, double cosLat) =>
        GreatCircle.EarthRadiusMeters * Math.Asin(Math.Min(1, cosLat * Math.Sin(Math.Clamp(degrees, 0, 90) * RadiansPerDegree)));

    private bool BlockCoversExtent(int qcx, int qcy, int r) =>
        (long)qcx - r <= _minCx && (long)qcx + r >= _maxCx && (long)qcy - r <= _minCy && (long)qcy + r >= _maxCy;

    private double LongitudeFromOrigin(double lon)
    {
        var d = lon - _originLon;
        return d >= 180 ? d - 360 : d < -180 ? d + 360 : d;
    }

    private int CellX(double lonFromOrigin) => (int)Math.Floor(lonFromOrigin / _cellLonDegrees);

    private int CellY(double lat) => (int)Math.Floor((lat - _originLat) / _cellLatDegrees);

    private static long Key(int cx, int cy) => ((long)cx << 32) | (uint)cy;

    private Cell CellFor(Position p)
    {
        var lonFromOrigin = LongitudeFromOrigin(p.Lon);
        if (Math.Abs(lonFromOrigin) > MaxLongitudeFromOrigin)
        {
            return _faraway;
        }

        var cx = CellX(lonFromOrigin);
        var cy = CellY(p.Lat);
        var key = Key(cx, cy);
        if (!_cells.TryGetValue(key, out var cell))
        {
            cell = _spareCells.TryPop(out var spare) ? spare.Reuse(cx, cy) : new Cell(cx, cy);
            _cells.Add(key, cell);
            _minCx = Math.Min(_minCx, cx);
            _maxCx = Math.Max(_maxCx, cx);
            _minCy = Math.Min(_minCy, cy);
            _maxCy = Math.Max(_maxCy, cy);
        }

        return cell;
    }

    private Entry EntryFor(EngineerFacts facts)
    {
        var lat = facts.Position.Lat * RadiansPerDegree;
        return new Entry
        {
            LatRad = lat,
            CosLat = Math.Cos(lat),
            LonRad = facts.Position.Lon * RadiansPerDegree,
            HasRoom = facts.HasRoom,
            SkillsExact = _skillBits.TryEncode(facts.Skills, out var skills),
            Skills = skills,
        };
    }

    private static void Attach(Slot slot, Cell cell, Entry entry)
    {
        if (cell.Count == cell.Items.Length)
        {
            Array.Resize(ref cell.Items, cell.Items.Length * 2);
        }

        slot.Cell = cell;
        slot.IndexInCell = cell.Count;
        cell.Items[cell.Count++] = entry;
    }

    private void Detach(Slot slot)
    {
        var cell = slot.Cell!;
        var last = --cell.Count;
        if (slot.IndexInCell != last)
        {
            var moved = cell.Items[last];
            cell.Items[slot.IndexInCell] = moved;
            moved.Slot!.IndexInCell = slot.IndexInCell;
        }

        cell.Items[last] = default;
        slot.Cell = null;
        if (cell.Count == 0 && !ReferenceEquals(cell, _faraway))
        {
            // Empty cells leave the map so that its size stays the number of occupied cells (the sparse-fleet
            // switch above relies on it); a few are kept for reuse so that moving engineers allocate nothing.
            _cells.Remove(Key(cell.Cx, cell.Cy));
            if (_spareCells.Count < 1024)
            {
                _spareCells.Push(cell);
            }
        }
    }

    /// <summary>Where an engineer is filed: the index's own handle, so a move finds its cell without a search.</summary>
    private sealed class Slot(EngineerFacts facts)
    {
        public EngineerFacts Facts = facts;
        public Cell? Cell;
        public int IndexInCell;
    }

    /// <summary>
    /// What a scan reads per engineer, stored inline in the cell's array so that the distance test runs over
    /// contiguous memory and the facts are only fetched for engineers who are near enough.
    /// </summary>
    private struct Entry
    {
        public double LatRad;
        public double CosLat;
        public double LonRad;
        public ulong Skills;
        public bool HasRoom;

        /// <summary><see cref="Skills"/> is the complete set of held skills (see <see cref="SkillBits"/>).</summary>
        public bool SkillsExact;
        public Slot? Slot;
    }

    private sealed class Cell(int cx, int cy)
    {
        public Entry[] Items = new Entry[4];
        public int Count;

        public int Cx { get; private set; } = cx;

        public int Cy { get; private set; } = cy;

        public Cell Reuse(int x, int y)
        {
            Cx = x;
            Cy = y;
            return this;
        }
    }

    private sealed class Search
    {
        private readonly double _latRad;
        private readonly double _cosLat;
        private readonly double _lonRad;
        private readonly double _radius;
        private readonly string[] _skills;
        private readonly ulong _requiredSkills;
        private readonly bool _requiredSkillsKnown;
        private readonly Func<EngineerFacts, bool>? _extraFilter;

        public Search(Position from, double radius, IReadOnlyCollection<string> skills, SkillBits skillBits, Func<EngineerFacts, bool>? extraFilter, NearestSet best)
        {
            _latRad = from.Lat * RadiansPerDegree;
            _cosLat = Math.Cos(_latRad);
            _lonRad = from.Lon * RadiansPerDegree;
            _radius = radius;
            // Copied once: enumerating an IReadOnlyCollection per engineer would allocate an enumerator each time.
            _skills = [.. skills];
            _requiredSkillsKnown = skillBits.TryEncode(_skills, out _requiredSkills);
            _extraFilter = extraFilter;
            Best = best;
        }

        public NearestSet Best { get; }

        public double LatDegrees { get; set; }

        public double LonFromOrigin { get; set; }

        public double CosLat => _cosLat;

        /// <summary>The distance nobody farther than can be a result: the radius, or the k-th best once there are k.</summary>
        public double Limit => Math.Min(_radius, Best.WorstDistance);

        /// <summary>
        /// <see cref="Limit"/> plus a hair, for comparing lower bounds computed by other formulas than the
        /// haversine: rounding may make a bound exceed the true distance by far less than this, never more.
        /// </summary>
        public double PruneAbove
        {
            get
            {
                var limit = Limit;
                return limit + (limit * 1e-9) + 1e-3;
            }
        }

        public void Scan(Cell cell)
        {
            var items = cell.Items;
            var pruneAbove = PruneAbove;
            for (var i = 0; i < cell.Count; i++)
            {
                ref readonly var entry = ref items[i];
                if (!entry.HasRoom)
                {
                    continue;
                }

                // Cheap lower bounds first (no trigonometry): d ≥ R·|Δφ| and d ≥ R·cos φ·sin|Δλ| ≥ R·cos φ·(x − x³/6).
                var dLat = Math.Abs(entry.LatRad - _latRad);
                var dLon = Math.Abs(entry.LonRad - _lonRad);
                if (GreatCircle.EarthRadiusMeters * dLat > pruneAbove
                    || (dLon < 1 && GreatCircle.EarthRadiusMeters * _cosLat * dLon * (1 - (dLon * dLon / 6)) > pruneAbove))
                {
                    continue;
                }

                // The skill test reads only the inline bits when they are exact: no pointer chasing for the many
                // engineers who lack a skill.
                if (entry.SkillsExact && (!_requiredSkillsKnown || (entry.Skills & _requiredSkills) != _requiredSkills))
                {
                    continue;
                }

                var distance = GreatCircle.DistanceMeters(_latRad, _cosLat, _lonRad, entry.LatRad, entry.CosLat, entry.LonRad);
                if (distance > _radius || distance > Best.WorstDistance)
                {
                    continue;
                }

                var facts = entry.Slot!.Facts;
                if (Best.Admits(distance, facts.Id) && (entry.SkillsExact || HoldsAll(facts)) && (_extraFilter is null || _extraFilter(facts)))
                {
                    Best.Add(facts, distance);
                    pruneAbove = PruneAbove;
                }
            }
        }

        private bool HoldsAll(EngineerFacts facts)
        {
            foreach (var skill in _skills)
            {
                if (!facts.Holds(skill))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
