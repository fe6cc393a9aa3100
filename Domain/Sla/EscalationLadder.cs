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
    /// <remarks>Every reading of a clock asks this, so it is one pass over the steps.</remarks>
    public IReadOnlyList<double> WarningPercentsFor(SlaMetric metric)
    {
        List<double>? percents = null;
        foreach (var step in Steps)
        {
            if (step.Kind == EscalationKind.Warning && step.Trigger is PercentOfTarget warning && step.AppliesTo(metric))
            {
                (percents ??= []).Add(warning.Percent);
            }
        }

        return percents is null ? [] : percents;
    }

    /// <summary>
    /// The levels above <paramref name="level"/> that watch <paramref name="metric"/> and notify someone, lowest
    /// first, each with its roles: who is told next when nobody at a level acknowledges an alert. A level's
    /// acknowledgement time is that of its first step that sets one.
    /// </summary>
    public IReadOnlyList<LadderLevel> LevelsAbove(SlaMetric metric, int level) => LevelsAbove(StepsFor(metric), level);

    /// <summary>
    /// The levels above <paramref name="level"/> whatever metric their steps watch: whom a rule's alert goes to when
    /// nobody at the rule's level acknowledges it. A rule watches no clock of its own, so every clock's higher levels
    /// are the ticket's next levels.
    /// </summary>
    public IReadOnlyList<LadderLevel> LevelsAbove(int level) => LevelsAbove(Steps, level);

    private static IReadOnlyList<LadderLevel> LevelsAbove(IEnumerable<EscalationStep> steps, int level) =>
        [.. steps
            .Where(step => step.Level > level)
            .GroupBy(step => step.Level)
            .OrderBy(group => group.Key)
            .Select(group => new LadderLevel(
                group.Key,
                [.. group.SelectMany(step => step.Roles).Distinct(StringComparer.Ordinal)],
                group.Select(step => step.AcknowledgeWithin).FirstOrDefault(within => within is not null)))
            .Where(above => above.Roles.Count > 0)];
}

/// <summary>A level of a ladder as an alert's chain tells it: whom, and how long each person has to acknowledge (null: the default).</summary>
public sealed record LadderLevel(int Level, IReadOnlyList<string> Roles, NodaTime.Duration? AcknowledgeWithin);
