using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>
/// A multi-condition rule, e.g. "tier vip and priority P1 and not accepted 2 h after creation → level 3 and
/// alert the director". <see cref="AcknowledgeWithin"/>, like a ladder step's, is how long each person the rule's
/// alert tells has before the next is told (null: the configured default). Unlike ladder steps it runs on wall-clock time since creation (<see cref="After"/>)
/// and ignores pauses and calendars: it watches how long the customer has actually been waiting.
/// </summary>
public sealed record EscalationRule(
    string Id,
    string Name,
    RuleCondition Condition,
    Duration After,
    IReadOnlyList<EscalationAction> Actions,
    int Level,
    NodaTime.Duration? AcknowledgeWithin = null)
{
    /// <summary>The roles the rule notifies: its alertRole actions, each once.</summary>
    public IReadOnlyList<string> Roles => AlertRole.In(Actions);
}
