using Dispatch.Domain.Dispatching;
using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Tests.Dispatching;

public sealed class EngineerIndexFilterTests
{
    private static readonly Position Ticket = new(31.23, 121.47);

    // Each engineer a little farther north than the previous: 100 m, 200 m, ...
    private static Position North(int hundredsOfMeters) => new(31.23 + (hundredsOfMeters * 100 / 111_195.08), 121.47);

    private static Dictionary<string, int> Skills(params (string Skill, int Proficiency)[] skills) =>
        skills.ToDictionary(s => s.Skill, s => s.Proficiency);

    private static EngineerIndex Index(params EngineerFacts[] engineers)
    {
        var index = new EngineerIndex(Ticket);
        foreach (var e in engineers)
        {
            index.Upsert(e);
        }

        return index;
    }

    private static readonly EngineerFacts[] Crew =
    [
        new("unavailable", North(1), Skills(("electrical", 90)), 1, 0, Available: false),
        new("at-capacity", North(2), Skills(("electrical", 90)), 2, 2, true),
        new("no-skill", North(3), Skills(("plumbing", 90)), 1, 0, true),
        new("zero-proficiency", North(4), Skills(("electrical", 0)), 1, 0, true),
        new("qualifies", North(5), Skills(("electrical", 40)), 2, 1, true),
        new("also-qualifies", North(6), Skills(("electrical", 70), ("gas", 50)), 1, 0, true),
    ];

    [Fact]
    public void Only_available_engineers_under_capacity_with_every_skill_are_candidates()
    {
        var found = Index(Crew).Nearest(Ticket, 10, double.PositiveInfinity, ["electrical"]);

        Assert.Equal(["qualifies", "also-qualifies"], found.Select(c => c.Engineer.Id));
        Assert.Equal(500, found[0].DistanceMeters, 1e-3);
    }

    [Fact]
    public void Every_required_skill_must_be_held()
    {
        var found = Index(Crew).Nearest(Ticket, 10, double.PositiveInfinity, ["electrical", "gas"]);

        Assert.Equal(["also-qualifies"], found.Select(c => c.Engineer.Id));
    }

    [Fact]
    public void Without_required_skills_anyone_free_qualifies()
    {
        var found = Index(Crew).Nearest(Ticket, 10, double.PositiveInfinity, []);

        Assert.Equal(["no-skill", "zero-proficiency", "qualifies", "also-qualifies"], found.Select(c => c.Engineer.Id));
    }

    [Theory]
    [InlineData(499.0, new string[0])]
    [InlineData(500.001, new[] { "qualifies" })]
    [InlineData(600.001, new[] { "qualifies", "also-qualifies" })]
    public void The_radius_is_a_hard_limit(double radius, string[] expected) =>
        Assert.Equal(expected, Index(Crew).Nearest(Ticket, 10, radius, ["electrical"]).Select(c => c.Engineer.Id));

    [Fact]
    public void The_extra_filter_removes_engineers_for_example_those_who_declined()
    {
        var found = Index(Crew).Nearest(Ticket, 1, double.PositiveInfinity, ["electrical"], e => e.Id != "qualifies");

        Assert.Equal(["also-qualifies"], found.Select(c => c.Engineer.Id));
    }

    [Fact]
    public void A_change_of_load_or_status_takes_effect_at_once()
    {
        var index = Index(Crew);
        index.Upsert(Crew[4] with { ActiveJobs = 2 });               // now at capacity
        index.Upsert(Crew[0] with { Available = true });             // back from break

        Assert.Equal(["unavailable", "also-qualifies"], index.Nearest(Ticket, 10, double.PositiveInfinity, ["electrical"]).Select(c => c.Engineer.Id));
    }

    [Fact]
    public void K_zero_and_an_empty_index_find_nobody()
    {
        Assert.Empty(Index(Crew).Nearest(Ticket, 0, double.PositiveInfinity, []));
        Assert.Empty(new EngineerIndex(Ticket).Nearest(Ticket, 5, double.PositiveInfinity, []));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        var index = Index(Crew);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Nearest(new Position(double.NaN, 0), 1, 1, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Nearest(Ticket, -1, 1, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Nearest(Ticket, 1, double.NaN, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Upsert(Crew[0] with { Position = new Position(91, 0) }));
    }
}
