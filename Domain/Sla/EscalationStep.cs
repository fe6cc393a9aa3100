namespace Dispatch.Domain.Sla;

/// <summary>
/// One rung of an escalation ladder.
/// </summary>
/// <param name="Id">Stable within the ladder: it is part of the checkpoint id the grain uses to fire each step once.</param>
/// <param name="Level">The escalation level the ticket reaches when the step fires (e.g. 1 dispatcher, 2 supervisor, 3 director).</param>
/// <param name="Metrics">The metrics the step watches; null or empty means every metric of the policy.</param>
/// <param name="AcknowledgeWithin">How long each person told at this level has before the next is told; null: the configured default.</param>
public sealed record EscalationStep(
    string Id,
    EscalationTrigger Trigger,
    EscalationKind Kind,
    int Level,
    IReadOnlyList<EscalationAction> Actions,
    IReadOnlyList<SlaMetric>? Metrics = null,
    NodaTime.Duration? AcknowledgeWithin = null)
{
    public bool AppliesTo(SlaMetric metric) => Metrics is null || Metrics.Count == 0 || Metrics.Contains(metric);

    /// <summary>The roles this level notifies: its alertRole actions, each once.</summary>
    public IReadOnlyList<string> Roles => AlertRole.In(Actions);
}
