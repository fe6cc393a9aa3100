using Dispatch.Domain.Sla;
using NodaTime;
using static Dispatch.Domain.Tests.Sla.Sample;

namespace Dispatch.Domain.Tests.Sla;

public class SlaPolicyBookTests
{
    private static readonly SlaTarget Response = new(SlaMetric.Response, Duration.FromHours(2), "24x7");

    private static readonly SlaPolicyBook Book = new(
        [
            Policy("vip-p1", new PolicyMatch(Priorities: [Priority.P1], Tiers: [CustomerTiers.Vip]), Response),
            Policy("any-p1", new PolicyMatch(Priorities: [Priority.P1]), Response),
            Policy("repair-north", new PolicyMatch(ServiceTypes: ["repair"], Regions: ["north"]), Response),
            Policy("vip-anything", new PolicyMatch(Tiers: [CustomerTiers.Vip]), Response),
        ],
        Policy("default", PolicyMatch.Any, Response));

    [Theory]
    [InlineData(Priority.P1, "vip", "repair", "north", "vip-p1")]
    [InlineData(Priority.P1, "VIP", "repair", null, "vip-p1")]
    [InlineData(Priority.P1, "standard", "repair", "north", "any-p1")]
    [InlineData(Priority.P3, "vip", "repair", "north", "repair-north")]
    [InlineData(Priority.P3, "vip", "consultation", "north", "vip-anything")]
    [InlineData(Priority.P3, "standard", "repair", "south", "default")]
    [InlineData(Priority.P3, "standard", "repair", null, "default")]
    public void Policies_match_in_order_and_fall_back_to_the_default(Priority priority, string tier, string serviceType, string? region, string expected)
    {
        Assert.Equal(expected, Book.Match(new TicketFacts(priority, tier, serviceType, region)).Id);
    }

    [Fact]
    public void Empty_match_lists_mean_any_value()
    {
        var match = new PolicyMatch(Priorities: [], Tiers: [], ServiceTypes: null, Regions: []);

        Assert.True(match.Matches(new TicketFacts(Priority.P4, "bronze", "install", null)));
    }

    [Fact]
    public void A_policy_is_found_by_id_including_the_fallback()
    {
        Assert.Equal("any-p1", Book.Find("any-p1")?.Id);
        Assert.Same(Book.Fallback, Book.Find("default"));
        Assert.Null(Book.Find("missing"));
    }

    [Theory]
    [InlineData(Priority.P4, Priority.P3)]
    [InlineData(Priority.P2, Priority.P1)]
    [InlineData(Priority.P1, Priority.P1)]
    public void Raising_priority_moves_one_step_towards_P1(Priority from, Priority expected)
    {
        Assert.Equal(expected, from.Raised());
    }
}
