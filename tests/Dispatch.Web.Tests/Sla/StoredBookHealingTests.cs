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

    [Fact]
    public void A_rule_with_an_acknowledgement_time_out_of_range_is_refused_naming_the_field()
    {
        var book = Book();
        book.Rules = [new EscalationRuleDocument
        {
            Id = "vip-untaken", Name = "VIP untaken", Tiers = ["vip"], NotReached = "offerAccepted", After = TimeSpan.FromHours(2), Level = 3,
            AcknowledgeWithin = TimeSpan.FromDays(8), Actions = [new EscalationActionDocument { Type = "alertRole", Role = "director" }],
        }];
        var mapper = new SlaDocumentMapper();

        Assert.Null(mapper.Book(book, 1));
        Assert.Equal(["rules[0].acknowledgeWithin"], mapper.Errors.Keys);

        book.Rules[0].AcknowledgeWithin = TimeSpan.FromMinutes(20);
        Assert.Equal(NodaTime.Duration.FromMinutes(20), Assert.Single(SlaDocumentMapper.ToBook(book, 2).Rules).AcknowledgeWithin);
    }
}
