namespace Dispatch.Domain.Dispatching;

/// <summary>
/// The k best candidates seen so far, kept sorted by (distance, id). Insertion is a shift in a small array:
/// k is a handful in practice, where this beats a heap. The id breaks distance ties so that the index and the
/// brute-force reference return the same engineers in the same order.
/// </summary>
internal sealed class NearestSet(int k)
{
    // Grown on demand: k may be large (e.g. "everyone") while few qualify.
    private double[] _distances = new double[Math.Min(k, 16)];
    private EngineerFacts[] _engineers = new EngineerFacts[Math.Min(k, 16)];
    private int _count;

    public bool IsFull => _count == k;

    /// <summary>The distance a new candidate must not exceed to enter (∞ while not full).</summary>
    public double WorstDistance => IsFull ? _distances[_count - 1] : double.PositiveInfinity;

    /// <summary>Whether (distance, id) would enter the set, checked before the costlier filters run.</summary>
    public bool Admits(double distance, string id) =>
        !IsFull || Precedes(distance, id, _count - 1);

    public void Add(EngineerFacts engineer, double distance)
    {
        if (IsFull)
        {
            _count--;
        }
        else if (_count == _distances.Length)
        {
            var size = (int)Math.Min(k, _count * 2L);
            Array.Resize(ref _distances, size);
            Array.Resize(ref _engineers, size);
        }

        var at = _count;
        while (at > 0 && Precedes(distance, engineer.Id, at - 1))
        {
            _distances[at] = _distances[at - 1];
            _engineers[at] = _engineers[at - 1];
            at--;
        }

        _distances[at] = distance;
        _engineers[at] = engineer;
        _count++;
    }

    public List<Candidate> ToList()
    {
        var result = new List<Candidate>(_count);
        for (var i = 0; i < _count; i++)
        {
            result.Add(new Candidate(_engineers[i], _distances[i]));
        }

        return result;
    }

    private bool Precedes(double distance, string id, int other) =>
        distance < _distances[other]
        || (distance == _distances[other] && string.CompareOrdinal(id, _engineers[other].Id) < 0);
}
