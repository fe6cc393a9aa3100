using Dispatch.Domain.Geo;
using Dispatch.Domain.Sla;

namespace Dispatch.Simulation;

/// <summary>An engineer as the day starts: at the home base, free, with 1–3 skills.</summary>
internal sealed record SimEngineer(int Index, string Id, Position Home, Dictionary<string, int> Skills);

/// <summary>
/// One ticket of the day, fixed before any strategy runs: when it is created (seconds after the day starts),
/// where, in which region (whose speed the journey uses), the one skill it needs, its priority and how long the
/// work on site takes once the engineer is there.
/// </summary>
internal sealed record SimTicket(
    int Index,
    string Id,
    double CreatedAt,
    Position Location,
    ServiceRegion Region,
    string Skill,
    Priority Priority,
    double ServiceSeconds)
{
    /// <summary>The SLA arrival deadline: creation plus the priority's target.</summary>
    public double DeadlineAt => CreatedAt + Scenario.ArrivalTarget(Priority).TotalSeconds;
}

/// <summary>
/// The seeded input shared by every strategy: the same engineers, the same tickets at the same instants. Engineers
/// and tickets come from separate random streams, so changing the ticket count leaves the fleet as it was.
/// </summary>
internal sealed class Scenario
{
    public static readonly string[] SkillNames = ["electrical", "plumbing", "hvac", "network", "appliance", "locksmith"];

    /// <summary>Priority mix in percent, P1..P4.</summary>
    public static readonly double[] PriorityWeights = [10, 20, 40, 30];

    public const double MinServiceMinutes = 20;
    public const double MaxServiceMinutes = 60;

    private Scenario(RegionMap map, int seed, double daySeconds, IReadOnlyList<SimEngineer> engineers, IReadOnlyList<SimTicket> tickets)
    {
        Map = map;
        Seed = seed;
        DaySeconds = daySeconds;
        Engineers = engineers;
        Tickets = tickets;
    }

    public RegionMap Map { get; }

    public int Seed { get; }

    public double DaySeconds { get; }

    public IReadOnlyList<SimEngineer> Engineers { get; }

    /// <summary>In creation order.</summary>
    public IReadOnlyList<SimTicket> Tickets { get; }

    /// <summary>How long after creation an engineer must be on site.</summary>
    public static TimeSpan ArrivalTarget(Priority p) => p switch
    {
        Priority.P1 => TimeSpan.FromHours(1),
        Priority.P2 => TimeSpan.FromHours(2),
        Priority.P3 => TimeSpan.FromHours(4),
        _ => TimeSpan.FromHours(8),
    };

    /// <summary>
    /// The relative ticket rate at <paramref name="hoursIntoDay"/> (0 = 08:00): a base load with a morning peak
    /// around 09:30 and a late-afternoon peak around 17:00.
    /// </summary>
    public static double Profile(double hoursIntoDay)
    {
        var clock = 8 + hoursIntoDay;
        return 0.35 + Bump(clock, 9.5, 1.1, 1.0) + Bump(clock, 17.0, 1.2, 0.85);

        static double Bump(double x, double centre, double sigma, double height)
        {
            var z = (x - centre) / sigma;
            return height * Math.Exp(-0.5 * z * z);
        }
    }

    public static Scenario Generate(RegionMap map, int seed, int engineerCount, double expectedTickets, double dayHours)
    {
        ArgumentNullException.ThrowIfNull(map);
        var sampler = new CitySampler(map);
        var daySeconds = dayHours * 3600;

        var fleetRandom = new Random(unchecked((seed * 7919) + 1));
        var engineers = new List<SimEngineer>(engineerCount);
        for (var i = 0; i < engineerCount; i++)
        {
            var home = sampler.RandomPoint(fleetRandom).Position;
            var skillCount = 1 + fleetRandom.Next(3);
            var skills = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var skill in SkillNames.OrderBy(_ => fleetRandom.Next()).Take(skillCount))
            {
                skills[skill] = 40 + fleetRandom.Next(61);
            }

            engineers.Add(new SimEngineer(i, $"eng-{i:D4}", home, skills));
        }

        // A non-homogeneous Poisson process by thinning: candidate arrivals at the peak rate, each kept with
        // probability profile(t) / peak, so that the expected count over the day is expectedTickets.
        var ticketRandom = new Random(unchecked((seed * 7919) + 2));
        double integral = 0, peak = 0;
        const int Steps = 10_000;
        for (var s = 0; s < Steps; s++)
        {
            var f = Profile((s + 0.5) / Steps * dayHours);
            integral += f * dayHours / Steps;
            peak = Math.Max(peak, f);
        }

        var peakRatePerSecond = expectedTickets / (integral * 3600) * peak;
        var tickets = new List<SimTicket>();
        var t = 0.0;
        while (true)
        {
            t += -Math.Log(1 - ticketRandom.NextDouble()) / peakRatePerSecond;
            if (t >= daySeconds)
            {
                break;
            }

            if (ticketRandom.NextDouble() * peak > Profile(t / 3600))
            {
                continue;
            }

            var (location, region) = sampler.RandomPoint(ticketRandom);
            var skill = SkillNames[ticketRandom.Next(SkillNames.Length)];
            var priority = PickPriority(ticketRandom);
            var service = 60 * (MinServiceMinutes + (ticketRandom.NextDouble() * (MaxServiceMinutes - MinServiceMinutes)));
            var index = tickets.Count;
            tickets.Add(new SimTicket(index, $"t-{index:D5}", t, location, region, skill, priority, service));
        }

        return new Scenario(map, seed, daySeconds, engineers, tickets);
    }

    private static Priority PickPriority(Random random)
    {
        var x = random.NextDouble() * PriorityWeights.Sum();
        for (var i = 0; i < PriorityWeights.Length; i++)
        {
            x -= PriorityWeights[i];
            if (x < 0)
            {
                return (Priority)i;
            }
        }

        return Priority.P4;
    }

    /// <summary>Uniform points inside the regions: rejection sampling over their joint bounding box.</summary>
    private sealed class CitySampler
    {
        private readonly RegionMap _map;
        private readonly double _minLat;
        private readonly double _maxLat;
        private readonly double _minLon;
        private readonly double _maxLon;

        public CitySampler(RegionMap map)
        {
            _map = map;
            _minLat = map.All.Min(r => r.Area.EnvelopeInternal.MinY);
            _maxLat = map.All.Max(r => r.Area.EnvelopeInternal.MaxY);
            _minLon = map.All.Min(r => r.Area.EnvelopeInternal.MinX);
            _maxLon = map.All.Max(r => r.Area.EnvelopeInternal.MaxX);
        }

        public (Position Position, ServiceRegion Region) RandomPoint(Random random)
        {
            for (var attempt = 0; attempt < 100_000; attempt++)
            {
                var p = new Position(
                    _minLat + (random.NextDouble() * (_maxLat - _minLat)),
                    _minLon + (random.NextDouble() * (_maxLon - _minLon)));
                if (_map.Locate(p) is { } region)
                {
                    return (p, region);
                }
            }

            throw new InvalidOperationException("Could not sample a point inside the regions.");
        }
    }
}
