namespace Dispatch.Domain.Customers;

/// <summary>When negative feedback is a pattern worth a process review rather than a bad day.</summary>
public sealed record ProcessReviewRules
{
    public static ProcessReviewRules Default { get; } = new();

    /// <summary>A CSAT at or below this is negative (1 and 2 on the 1-5 scale).</summary>
    public int NegativeCsatAtMost { get; init; } = 2;

    /// <summary>Consecutive negative surveys blaming one stage that raise a review (3, as the practice says).</summary>
    public int StreakLength { get; init; } = 3;
}
