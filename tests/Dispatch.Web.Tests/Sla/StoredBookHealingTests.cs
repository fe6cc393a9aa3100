using Dispatch.Grains.Sla;

namespace Dispatch.Web.Tests.Sla;

/// <summary>A book saved before today's rules existed (issue 12, item 3) must not keep breaking tickets.</summary>
public sealed class StoredBookHealingTests
{
    private static SlaPolicyDocument Policy(string id, TimeSpan target, double percent = 100) => new()
    {
        Id = id,
        Name = id,
        Match = new PolicyMatchDocument { Tiers = ["vip"] },
        Targets = [new SlaTargetDocument { Metric = "response", Target = target, Calendar = "24x7" }],
        Ladder = [new EscalationStepDocument { Id = "late", Kind = "escalation", Percent = percent, Level = 2, Actions = [] }],
    };

    private static SlaBookDocument Book(params SlaPolicyDocument[] policies) => new()
    {
        Policies = [.. policies],
        Default = Policy("standard", TimeSpan.FromHours(8), percent: 150),
    };

    [Fact]
    public void Policies_that_break_the_rules_are_dropped_and_named_and_the_rest_is_kept()
    {
        var dropped = new List<string?>();
        var stored = Book(Policy("ok", TimeSpan.FromHours(1), 200), Policy("huge-percent", TimeSpan.FromHours(1), 1e30), Policy("ancient", TimeSpan.MaxValue, 200));

        var healed = StoredBookHealing.Healed(stored, Book(), (id, _) => dropped.Add(id));

        Assert.Equal(["ok"], healed.Policies.Select(p => p.Id));
        Assert.Equal(["huge-percent", "ancient"], dropped);
        Assert.Same(stored.Default, healed.Default);
        SlaDocumentMapper.ToBook(healed, 2); // computes: does not throw
    }

    [Fact]
    public void A_book_whose_default_breaks_the_rules_starts_again_from_configuration()
    {
        var configured = Book();
        var stored = Book(Policy("ok", TimeSpan.FromHours(1), 200));
        stored.Default = Policy("standard", TimeSpan.MaxValue, 150);

        Assert.Same(configured, StoredBookHealing.Healed(stored, configured, (_, _) => { }));
    }
}
