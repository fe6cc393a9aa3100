using Dispatch.Domain.Dispatching;
using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Tests.Dispatching;

/// <summary>Random engineers and queries around the sample city, reproducible from a seed.</summary>
internal sealed class Fleet(int seed)
{
    public static readonly string[] SkillNames = ["electrical", "plumbing", "network", "hvac", "elevator", "gas"];

    // A little wider than the 20 km × 15 km city, so queries also come from outside the fleet.
    private const double South = 31.14, North = 31.32, West = 121.34, East = 121.60;

    public Random Random { get; } = new(seed);

    public static Position Center => new(31.23, 121.47);

    public Position NextPosition(double margin = 0) => new(
        South - margin + (Random.NextDouble() * (North - South + (2 * margin))),
        West - margin + (Random.NextDouble() * (East - West + (2 * margin))));

    public EngineerFacts NextEngineer(string id, Position? at = null)
    {
        var skills = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var skill in SkillNames)
        {
            if (Random.NextDouble() < 0.45)
            {
                skills[skill] = Random.Next(0, 101); // 0 means listed but not held
            }
        }

        var capacity = Random.Next(1, 4);
        return new EngineerFacts(id, at ?? NextPosition(), skills, capacity, Random.Next(0, capacity + 1), Random.NextDouble() < 0.85);
    }

    public List<EngineerFacts> Engineers(int count) =>
        Enumerable.Range(0, count).Select(i => NextEngineer($"e{i:D6}")).ToList();

    public string[] NextSkills() => Random.Next(4) switch
    {
        0 => [],
        1 or 2 => [SkillNames[Random.Next(SkillNames.Length)]],
        _ => SkillNames.OrderBy(_ => Random.Next()).Take(2).ToArray(),
    };

    public double NextRadius() => Random.Next(4) switch
    {
        0 => double.PositiveInfinity,
        1 => 500,
        2 => 2_000,
        _ => 8_000,
    };
}
