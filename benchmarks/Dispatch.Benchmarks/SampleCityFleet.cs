using Dispatch.Domain.Dispatching;
using Dispatch.Domain.Geo;

namespace Dispatch.Benchmarks;

/// <summary>
/// Random engineers and query points spread over the sample city (Silo/regions/sample-city.geojson: about
/// 20 km × 15 km around 31.23N 121.47E), reproducible from a seed.
/// </summary>
internal sealed class SampleCityFleet(int seed)
{
    /// <summary>The dispatcher's default first search radius (DispatchOptions.SearchRadiusMeters).</summary>
    public const double SearchRadiusMeters = 25_000;

    public static readonly string[] SkillNames = ["electrical", "plumbing", "network", "hvac", "elevator", "gas", "security", "appliance"];

    // The sample city's extent: 121.365–121.575 E (≈ 20 km) × 31.1625–31.2975 N (≈ 15 km).
    private const double South = 31.1625, North = 31.2975, West = 121.365, East = 121.575;
    private const double MetersPerDegreeLat = 111_320;

    public static Position Centre => new(31.23, 121.47);

    public Random Random { get; } = new(seed);

    public Position NextPosition() => new(
        South + (Random.NextDouble() * (North - South)),
        West + (Random.NextDouble() * (East - West)));

    public Position Nearby(Position from, double maxMeters)
    {
        var dLat = (Random.NextDouble() * 2 - 1) * maxMeters / MetersPerDegreeLat;
        var dLon = (Random.NextDouble() * 2 - 1) * maxMeters / (MetersPerDegreeLat * Math.Cos(from.Lat * Math.PI / 180));
        return new Position(from.Lat + dLat, from.Lon + dLon);
    }

    public string NextSkill() => SkillNames[Random.Next(SkillNames.Length)];

    /// <summary>Engineers holding 2–3 of the 8 skills; capacity 1–3 with some load; 90 % available.</summary>
    public List<EngineerFacts> Engineers(int count)
    {
        var engineers = new List<EngineerFacts>(count);
        for (var i = 0; i < count; i++)
        {
            var skills = new Dictionary<string, int>(StringComparer.Ordinal);
            var held = Random.Next(2, 4);
            while (skills.Count < held)
            {
                skills[NextSkill()] = Random.Next(40, 101);
            }

            var capacity = Random.Next(1, 4);
            engineers.Add(new EngineerFacts($"e{i:D6}", NextPosition(), skills, capacity, Random.Next(0, capacity), Random.NextDouble() < 0.9));
        }

        return engineers;
    }
}
