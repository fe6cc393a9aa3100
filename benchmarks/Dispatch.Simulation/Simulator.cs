using Dispatch.Domain.Dispatching;
using Dispatch.Domain.Geo;

namespace Dispatch.Simulation;

/// <summary>A dispatch strategy: greedy, or batch with a window in seconds.</summary>
internal sealed record Strategy(string Name, bool Batch, double WindowSeconds)
{
    public static Strategy Greedy { get; } = new("greedy", false, 0);

    public static Strategy BatchEvery(double windowSeconds) => new($"batch {FormatWindow(windowSeconds)}", true, windowSeconds);

    public static string FormatWindow(double seconds) => seconds switch
    {
        < 1 => FormattableString.Invariant($"{seconds * 1000:0.###}ms"),
        _ when seconds % 60 == 0 && seconds >= 60 => FormattableString.Invariant($"{seconds / 60:0}min"),
        _ => FormattableString.Invariant($"{seconds:0.###}s"),
    };
}

/// <summary>What happened to one ticket under one strategy.</summary>
internal struct TicketOutcome
{
    public bool Assigned;
    public double AssignedAt;
    public double ArrivedAt;
    public double TravelMeters;
    public double TravelSeconds;
    public int Engineer;
}

/// <summary>
/// One strategy over one simulated day: a discrete-event loop over ticket arrivals, engineers becoming free and
/// (batch) window ticks, dispatching as the region dispatcher grain does: the k nearest free engineers holding the
/// skill (<see cref="EngineerIndex"/>), scored by <see cref="CandidateScoring"/>; greedy takes the best-scored one
/// per ticket, batch solves the waiting tickets jointly with <see cref="BatchAssignment"/>, the grain's own code.
/// No dispatching happens after the day ends; jobs already assigned still complete.
/// </summary>
internal sealed class Simulator
{
    /// <summary>As the grain's default <c>SearchRadiusMeters</c>: wider than the sample city.</summary>
    public const double SearchRadiusMeters = 25_000;

    /// <summary>As the grain's batch: at most this many waiting tickets per solve.</summary>
    public const int MaxBatch = 200;

    private readonly Scenario _scenario;
    private readonly Strategy _strategy;
    private readonly int _k;
    private readonly ScoringWeights _weights;
    private readonly StraightLineTravel _travel = new();
    private readonly EngineerIndex _index;
    private readonly EngineerFacts[] _facts;
    private readonly TicketOutcome[] _outcomes;
    private readonly Dictionary<string, int> _engineerById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _skillSets = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _currentJob = [];
    private readonly SortedSet<SimTicket> _waiting = new(ServeOrder.Instance);
    private readonly PriorityQueue<Event, (double Time, long Seq)> _events = new();
    private long _seq;
    private int _free;
    private bool _dirty;
    private bool _tickPending;

    public Simulator(Scenario scenario, Strategy strategy, int k, ScoringWeights weights)
    {
        _scenario = scenario;
        _strategy = strategy;
        _k = k;
        _weights = weights;
        var centre = scenario.Map.All.Select(r => r.Area.EnvelopeInternal).Aggregate((a, b) =>
        {
            var e = a.Copy();
            e.ExpandToInclude(b);
            return e;
        }).Centre;
        _index = new EngineerIndex(new Position(centre.Y, centre.X));
        _facts = new EngineerFacts[scenario.Engineers.Count];
        foreach (var e in scenario.Engineers)
        {
            _engineerById[e.Id] = e.Index;
            SetEngineer(e.Index, new EngineerFacts(e.Id, e.Home, e.Skills, Capacity: 1, ActiveJobs: 0, Available: true));
        }

        _free = _facts.Length;
        _outcomes = new TicketOutcome[scenario.Tickets.Count];
        foreach (var skill in Scenario.SkillNames)
        {
            _skillSets[skill] = [skill];
        }
    }

    private enum EventKind
    {
        TicketCreated,
        EngineerFree,
        BatchTick,
    }

    /// <summary>Runs the day and returns each ticket's outcome, indexed like <see cref="Scenario.Tickets"/>.</summary>
    public TicketOutcome[] Run()
    {
        foreach (var ticket in _scenario.Tickets)
        {
            Schedule(ticket.CreatedAt, new Event(EventKind.TicketCreated, ticket.Index));
        }

        while (_events.TryDequeue(out var e, out var when))
        {
            var now = when.Time;
            if (now >= _scenario.DaySeconds)
            {
                break;
            }

            switch (e.Kind)
            {
                case EventKind.TicketCreated:
                    var ticket = _scenario.Tickets[e.Subject];
                    _waiting.Add(ticket);
                    if (_strategy.Batch)
                    {
                        MarkDirty(now);
                    }
                    else
                    {
                        TryGreedy(ticket, now);
                    }

                    break;
                case EventKind.EngineerFree:
                    var job = _scenario.Tickets[_currentJob[e.Subject]];
                    SetEngineer(e.Subject, _facts[e.Subject] with { Position = job.Location, ActiveJobs = 0 });
                    _free++;
                    if (_strategy.Batch)
                    {
                        MarkDirty(now);
                    }
                    else
                    {
                        // An engineer became free: the waiting tickets, most urgent and longest waiting first, try again.
                        foreach (var waiting in _waiting.ToList())
                        {
                            if (_free == 0)
                            {
                                break;
                            }

                            TryGreedy(waiting, now);
                        }
                    }

                    break;
                case EventKind.BatchTick:
                    _tickPending = false;
                    if (_dirty)
                    {
                        _dirty = false;
                        if (SolveBatch(now) > 0 && _waiting.Count > 0 && _free > 0)
                        {
                            // The batch took only the first tickets of a long queue: the next tick looks again.
                            _dirty = true;
                            _tickPending = true;
                            Schedule(now + _strategy.WindowSeconds, new Event(EventKind.BatchTick, 0));
                        }
                    }

                    break;
            }
        }

        return _outcomes;
    }

    /// <summary>
    /// The window timer, run lazily: a tick is due at the next multiple of the window after something changed.
    /// A tick with nothing changed since the last solve would find nothing new (the last solve assigned as many
    /// tickets as it could), so skipping it is the same as running it.
    /// </summary>
    private void MarkDirty(double now)
    {
        _dirty = true;
        if (_tickPending)
        {
            return;
        }

        _tickPending = true;
        var tick = Math.Ceiling(now / _strategy.WindowSeconds) * _strategy.WindowSeconds;
        Schedule(Math.Max(tick, now), new Event(EventKind.BatchTick, 0));
    }

    private void TryGreedy(SimTicket ticket, double now)
    {
        if (_free == 0)
        {
            return;
        }

        var ranked = Rank(ticket, now);
        if (ranked.Count > 0)
        {
            Assign(ticket, _engineerById[ranked[0].EngineerId], now);
        }
    }

    /// <summary>The grain's batch: the first waiting tickets, each with its k nearest candidates, solved jointly.</summary>
    private int SolveBatch(double now)
    {
        if (_waiting.Count == 0 || _free == 0)
        {
            return 0;
        }

        var batch = _waiting.Take(MaxBatch).ToList();
        var pairs = BatchAssignment.Solve([.. batch.Select(t => new BatchTicket(t.Priority, Rank(t, now)))]);
        foreach (var (row, engineer) in pairs)
        {
            Assign(batch[row], _engineerById[engineer], now);
        }

        return pairs.Count;
    }

    private IReadOnlyList<ScoreBreakdown> Rank(SimTicket ticket, double now)
    {
        var skills = _skillSets[ticket.Skill];
        var nearest = _index.Nearest(ticket.Location, _k, SearchRadiusMeters, skills);
        if (nearest.Count == 0)
        {
            return [];
        }

        var slaRemaining = TimeSpan.FromSeconds(ticket.DeadlineAt - now);
        return CandidateScoring.Rank(nearest, ticket.Location, ticket.Region, _travel, skills, slaRemaining, _weights);
    }

    private void Assign(SimTicket ticket, int engineer, double now)
    {
        var facts = _facts[engineer];
        var meters = GreatCircle.DistanceMeters(facts.Position, ticket.Location);
        var travel = _travel.Estimate(facts.Position, ticket.Location, ticket.Region).TotalSeconds;
        _outcomes[ticket.Index] = new TicketOutcome
        {
            Assigned = true,
            AssignedAt = now,
            ArrivedAt = now + travel,
            TravelMeters = meters,
            TravelSeconds = travel,
            Engineer = engineer,
        };
        _waiting.Remove(ticket);
        SetEngineer(engineer, facts with { ActiveJobs = 1 });
        _free--;
        _currentJob[engineer] = ticket.Index;
        Schedule(now + travel + ticket.ServiceSeconds, new Event(EventKind.EngineerFree, engineer));
    }

    private void SetEngineer(int engineer, EngineerFacts facts)
    {
        _facts[engineer] = facts;
        _index.Upsert(facts);
    }

    private void Schedule(double time, Event e) => _events.Enqueue(e, (time, _seq++));

    private readonly record struct Event(EventKind Kind, int Subject);

    /// <summary>The grain's queue order: most urgent priority first, then longest waiting.</summary>
    private sealed class ServeOrder : IComparer<SimTicket>
    {
        public static readonly ServeOrder Instance = new();

        public int Compare(SimTicket? x, SimTicket? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var c = x.Priority.CompareTo(y.Priority);
            if (c == 0)
            {
                c = x.CreatedAt.CompareTo(y.CreatedAt);
            }

            return c != 0 ? c : x.Index.CompareTo(y.Index);
        }
    }
}
