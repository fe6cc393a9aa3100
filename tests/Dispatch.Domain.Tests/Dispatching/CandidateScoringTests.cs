using Dispatch.Domain.Dispatching;
using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Tests.Dispatching;

public sealed class CandidateScoringTests
{
    private static readonly ScoringWeights Weights = ScoringWeights.Default;
    private static readonly string[] Electrical = ["electrical"];

    private static Candidate Engineer(int proficiency = 80, int capacity = 2, int active = 0, double distance = 3_000, string id = "e") =>
        new(new EngineerFacts(id, new Position(31.23, 121.47), new Dictionary<string, int> { ["electrical"] = proficiency }, capacity, active, true), distance);

    private static double Total(Candidate c, double etaMinutes, double? slaMinutes = null, string[]? skills = null) =>
        CandidateScoring.Score(c, TimeSpan.FromMinutes(etaMinutes), skills ?? Electrical, slaMinutes is { } s ? TimeSpan.FromMinutes(s) : null, Weights).Total;

    [Fact]
    public void The_breakdown_follows_the_documented_formula()
    {
        var c = new Candidate(
            new EngineerFacts("e7", new Position(31.23, 121.47), new Dictionary<string, int> { ["electrical"] = 80, ["gas"] = 60 }, 2, 1, true),
            4_000);

        var s = CandidateScoring.Score(c, TimeSpan.FromMinutes(15), ["electrical", "gas"], TimeSpan.FromMinutes(30), Weights);

        Assert.Equal("e7", s.EngineerId);
        Assert.Equal(4_000, s.DistanceMeters);
        Assert.Equal(TimeSpan.FromMinutes(15), s.Eta);
        Assert.Equal(1.0 * 15 / 30, s.EtaCost, 12);
        Assert.Equal(0.5 * (100 - 70) / 100.0, s.ProficiencyCost, 12);
        Assert.Equal(0.3 * 1 / 2.0, s.LoadCost, 12);
        Assert.Equal(1.0 * 15 / 30, s.UrgencyCost, 12);
        Assert.Equal(0.5 + 0.15 + 0.15 + 0.5, s.Total, 12);
    }

    [Fact]
    public void Closer_is_cheaper() =>
        Assert.True(Total(Engineer(), etaMinutes: 10) < Total(Engineer(), etaMinutes: 11));

    [Fact]
    public void Higher_proficiency_is_cheaper() =>
        Assert.True(Total(Engineer(proficiency: 90), 10) < Total(Engineer(proficiency: 60), 10));

    [Fact]
    public void A_missing_required_skill_counts_as_no_proficiency()
    {
        var s = CandidateScoring.Score(Engineer(proficiency: 100), TimeSpan.Zero, ["electrical", "gas"], null, Weights);
        Assert.Equal(0.5 * 0.5, s.ProficiencyCost, 12);
    }

    [Fact]
    public void A_lighter_load_is_cheaper() =>
        Assert.True(Total(Engineer(capacity: 3, active: 0), 10) < Total(Engineer(capacity: 3, active: 2), 10));

    [Fact]
    public void Urgency_raises_the_weight_of_the_eta()
    {
        // The extra cost of five more minutes grows as the SLA's remaining time shrinks.
        double ExtraCostOfFiveMinutes(double? sla) => Total(Engineer(), 15, sla) - Total(Engineer(), 10, sla);

        var noSla = ExtraCostOfFiveMinutes(null);
        var relaxed = ExtraCostOfFiveMinutes(240);
        var tight = ExtraCostOfFiveMinutes(30);

        Assert.Equal(5.0 / 30, noSla, 12);
        Assert.True(noSla < relaxed && relaxed < tight, $"{noSla} < {relaxed} < {tight}");
    }

    [Theory]
    [InlineData(10, null, 0)]
    [InlineData(10, 40.0, 0.25)]
    [InlineData(10, 2.0, 3)]     // clipped
    [InlineData(10, 0.0, 3)]     // no time left
    [InlineData(10, -5.0, 3)]    // already breached
    public void Urgency_is_eta_over_remaining_time_clipped_to_three(double eta, double? sla, double expected) =>
        Assert.Equal(expected, CandidateScoring.Score(Engineer(), TimeSpan.FromMinutes(eta), Electrical, sla is { } s ? TimeSpan.FromMinutes(s) : null, Weights).UrgencyCost, 12);

    [Fact]
    public void Weights_scale_their_terms()
    {
        var s = CandidateScoring.Score(Engineer(proficiency: 50, capacity: 2, active: 1), TimeSpan.FromMinutes(30), Electrical, TimeSpan.FromMinutes(60), new ScoringWeights(Eta: 2, Proficiency: 0, Load: 1, Urgency: 4));

        Assert.Equal(2, s.EtaCost, 12);
        Assert.Equal(0, s.ProficiencyCost, 12);
        Assert.Equal(0.5, s.LoadCost, 12);
        Assert.Equal(2, s.UrgencyCost, 12);
        Assert.Equal(4.5, s.Total, 12);
    }

    [Fact]
    public void Rank_orders_candidates_best_first_using_the_travel_estimate()
    {
        var region = new ServiceRegion("r", "R", NetTopologySuite.Geometries.Polygon.Empty, 30, [], false, DispatchMode.Greedy);
        var ticket = new Position(31.23, 121.47);
        var near = new Candidate(new EngineerFacts("near", new Position(31.24, 121.47), new Dictionary<string, int> { ["electrical"] = 50 }, 1, 0, true), 0);
        var far = new Candidate(new EngineerFacts("far", new Position(31.30, 121.47), new Dictionary<string, int> { ["electrical"] = 100 }, 1, 0, true), 0);
        var expert = new Candidate(new EngineerFacts("expert", new Position(31.24, 121.47), new Dictionary<string, int> { ["electrical"] = 100 }, 1, 0, true), 0);

        var ranked = CandidateScoring.Rank([far, near, expert], ticket, region, new StraightLineTravel(), Electrical, TimeSpan.FromHours(1), Weights);

        Assert.Equal(["expert", "near", "far"], ranked.Select(s => s.EngineerId));
    }

    [Fact]
    public void Equal_totals_go_to_the_nearer_engineer_then_by_id()
    {
        var a = new ScoreBreakdown("a", 900, TimeSpan.FromMinutes(3), 0.1, 0.2, 0, 0, 0.3);
        var b = new ScoreBreakdown("b", 400, TimeSpan.FromMinutes(3), 0.1, 0.2, 0, 0, 0.3);
        var c = new ScoreBreakdown("c", 400, TimeSpan.FromMinutes(3), 0.1, 0.2, 0, 0, 0.3);
        var best = new ScoreBreakdown("z", 5_000, TimeSpan.FromMinutes(9), 0.1, 0.1, 0, 0, 0.2);

        Assert.Equal(["z", "b", "c", "a"], new[] { c, a, best, b }.Order(CandidateScoring.BestFirst).Select(s => s.EngineerId));
    }
}
