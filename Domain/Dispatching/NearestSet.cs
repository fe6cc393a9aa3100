namespace Dispatch.Domain.Dispatching;

/// <summary>
/// The k best candidates seen so far, kept sorted by (distance, id). Insertion is a shift in a small array:
/// k is a handful in practice, where this beats a heap. The id breaks distance ties so that the index and the
/// brute-force reference return the same engineers in the same order.
/// </summary>
internal sealed class NearestSet
{
    private readonly int _k;
    private readonly List<Candidate> _items;

    public NearestSet(int k, int expected)
    {
        _k = k;
        _items = new List<Candidate>(Math.Min(k, Math.Max(expected, 1)));
    }

    public bool IsFull => _items.Count == _k;

    /// <summary>The distance a new candidate must not exceed to enter (∞ while not full).</summary>
    public double WorstDistance => IsFull ? _items[^1].DistanceMeters : double.PositiveInfinity;

    /// <summary>Whether (distance, id) would enter the set, checked before the costlier filters run.</summary>
    public bool Admits(double distance, string id)
    {
        if (!IsFull)
        {
            return true;
        }

        var worst = _items[^1];
        return distance < worst.DistanceMeters
            || (distance == worst.DistanceMeters && string.CompareOrdinal(id, worst.Engineer.Id) < 0);
    }

    public void Add(EngineerFacts engineer, double distance)
    {
        if (IsFull)
        {
            _items.RemoveAt(_items.Count - 1);
        }

        var at = _items.Count;
        while (at > 0 && Precedes(distance, engineer.Id, _items[at - 1]))
        {
            at--;
        }

        _items.Insert(at, new Candidate(engineer, distance));
    }

    public List<Candidate> ToList() => _items;

    private static bool Precedes(double distance, string id, Candidate other) =>
        distance < other.DistanceMeters
        || (distance == other.DistanceMeters && string.CompareOrdinal(id, other.Engineer.Id) < 0);
}
