namespace Dispatch.Domain.Sla;

/// <summary>
/// The warnings, the breach and the levels after it, in the order they are listed. Checkpoints with the same
/// instant fire in this order, so list the breach before the "+0" escalation.
/// </summary>
public sealed record EscalationLadder(IReadOnlyList<EscalationStep> Steps)
{
    public static EscalationLadder None { get; } = new([]);

    public IEnumerable<EscalationStep> StepsFor(SlaMetric metric) => Steps.Where(step => step.AppliesTo(metric));

    /// <summary>The percentages of the warning steps watching <paramref name="metric"/>: they drive the Warning state.</summary>
    public IReadOnlyList<double> WarningPercentsFor(SlaMetric metric) =>
        [.. StepsFor(metric)
            .Where(step => step.Kind == EscalationKind.Warning)
            .Select(step => step.Trigger)
            .OfType<PercentOfTarget>()
            .Select(trigger => trigger.Percent)];
}
