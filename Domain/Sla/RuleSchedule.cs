namespace Dispatch.Domain.Sla;

/// <summary>Turns multi-condition rules into due instants for one ticket.</summary>
public static class RuleSchedule
{
    /// <summary>
    /// The checkpoints of the rules whose conditions hold for <paramref name="facts"/> and whose milestone is not
    /// in the timeline, ordered by due instant (then rule order), including those already past. None before the
    /// ticket is created, and none once it is resolved, closed or cancelled (and not reopened): nobody waits any more.
    /// </summary>
    public static IReadOnlyList<RuleCheckpoint> Checkpoints(
        IReadOnlyList<EscalationRule> rules,
        TicketFacts facts,
        IReadOnlyList<SlaEvent> timeline)
    {
        var ordered = timeline.OrderBy(e => e.At).ToList();
        var created = ordered.FirstOrDefault(e => e.Kind == SlaEventKind.Created);
        if (created is null || SlaTimeline.IsFinished(ordered))
        {
            return [];
        }

        return
        [
            .. rules
                .Where(rule => rule.Condition.Matches(facts))
                .Where(rule => rule.Condition.NotReached is not { } milestone || !ordered.Any(e => e.Kind == milestone))
                .Select((rule, index) => (Checkpoint: new RuleCheckpoint($"rule:{rule.Id}", rule, created.At + rule.After), Index: index))
                .OrderBy(c => c.Checkpoint.DueAt)
                .ThenBy(c => c.Index)
                .Select(c => c.Checkpoint),
        ];
    }
}
