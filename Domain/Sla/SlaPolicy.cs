namespace Dispatch.Domain.Sla;

/// <summary>
/// The promises made to a class of tickets: one target per metric it measures (a consultation may have no
/// arrival target) and the ladder that warns and escalates on them.
/// </summary>
public sealed record SlaPolicy(
    string Id,
    string Name,
    PolicyMatch Match,
    IReadOnlyList<SlaTarget> Targets,
    EscalationLadder Ladder)
{
    public SlaTarget? TargetFor(SlaMetric metric) => Targets.FirstOrDefault(t => t.Metric == metric);
}
