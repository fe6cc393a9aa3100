namespace Dispatch.Domain.Dispatching;

/// <summary>
/// How much each normalized cost term counts in <see cref="CandidateScoring"/>. Each term is about 1 for a
/// "noticeably bad" value (30 minutes away, no proficiency, fully loaded, arriving just at the deadline), so a
/// weight says directly how many of one term are worth one of another.
/// </summary>
public sealed record ScoringWeights(double Eta = 1.0, double Proficiency = 0.5, double Load = 0.3, double Urgency = 1.0)
{
    public static ScoringWeights Default { get; } = new();
}
