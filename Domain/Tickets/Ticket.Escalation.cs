using System.Globalization;
using Dispatch.Domain.Sla;

namespace Dispatch.Domain.Tickets;

/// <summary>
/// Keeping deadlines, as far as the ticket decides: what a due checkpoint of its SLA ladder or of the book's rules
/// means. When each is due, and that each fires once, is the scheduler's (the grain's) business; what firing does is
/// decided here: the timeline entry, the ticket's one alert per clock raised or moved up, the escalation level, and
/// the step's actions (a higher priority, a wider search).
/// </summary>
public sealed partial class Ticket
{
    /// <param name="above">The ladder's levels above the step, for whom the alert goes to when nobody acknowledges it.</param>
    public Decision ReachSlaStep(SlaCheckpoint checkpoint, IReadOnlyList<LadderLevel> above, DateTimeOffset now)
    {
        var step = checkpoint.Step;
        var metric = SlaSchedule.MetricName(checkpoint.Metric);
        var reached = new SlaStepReached(now, $"{metric} {Describe(step.Trigger)}", metric, step.Id, step.Kind, step.Level,
            checkpoint.DueAt.ToDateTimeOffset(), checkpoint.Id);
        var kind = step.Kind switch
        {
            EscalationKind.Warning => "warning",
            EscalationKind.Breach => "breach",
            _ => "escalation",
        };
        List<TicketEvent> events = [];
        List<TicketEffect> effects = [];
        Alert(metric, kind, step.Level, metric, step.Roles, above, $"{State.Title}: {reached.Why}", step.AcknowledgeWithin, now, events, effects);
        events.Add(reached);
        Act(step.Actions, $"{metric} {reached.What["sla.".Length..]}", now, events);
        return new Decision(events, effects, null);
    }

    /// <param name="above">
    /// The ticket's ladder levels above the rule's: a rule's alert that nobody acknowledges goes on to them, as a
    /// ladder step's does to the levels above it.
    /// </param>
    public Decision FireRule(RuleCheckpoint checkpoint, IReadOnlyList<LadderLevel> above, DateTimeOffset now)
    {
        var rule = checkpoint.Rule;
        List<TicketEvent> events = [];
        List<TicketEffect> effects = [];
        Alert($"rule:{rule.Id}", "rule", rule.Level, null, rule.Roles, above, $"{State.Title}: {rule.Name}", rule.AcknowledgeWithin, now, events, effects);
        events.Add(new RuleFired(now, rule.Name, rule.Id, rule.Level, checkpoint.DueAt.ToDateTimeOffset(), checkpoint.Id));
        Act(rule.Actions, rule.Name, now, events);
        return new Decision(events, effects, null);
    }

    /// <summary>
    /// One alert per ticket and clock: raised at the clock's first step, moved on by the next ones. The timeline
    /// records it raised and each rise of its level; the board's one card shows its current level.
    /// </summary>
    private void Alert(string clock, string kind, int level, string? metric, IReadOnlyList<string> roles, IReadOnlyList<LadderLevel> above,
        string message, NodaTime.Duration? acknowledgeWithin, DateTimeOffset now, List<TicketEvent> events, List<TicketEffect> effects)
    {
        var alertId = $"{State.Id}:{clock}";
        var shownRoles = roles.Count == 0 ? null : string.Join(", ", roles);
        if (!State.AlertLevels.TryGetValue(alertId, out var current))
        {
            events.Add(new AlertRaised(now, message, alertId, kind, level, shownRoles, null));
        }
        else if (current < level)
        {
            events.Add(new AlertRaised(now, message, alertId, kind, level, shownRoles, current));
        }
        effects.Add(new RaiseAlert(alertId, kind, level, metric, roles, above, message, now, acknowledgeWithin));
    }

    private void Act(IReadOnlyList<EscalationAction> actions, string cause, DateTimeOffset now, List<TicketEvent> events)
    {
        var (priority, widening) = (State.Priority, State.SearchWidening);
        foreach (var action in actions)
        {
            switch (action)
            {
                case RaisePriority when priority != Priority.P1:
                    events.Add(new PriorityRaised(now, cause, priority, priority.Raised()));
                    priority = priority.Raised();
                    break;
                case WidenSearch widen:
                    widening *= widen.Factor;
                    events.Add(new SearchWidened(now, cause, widening));
                    break;
            }
        }
    }

    private static string Describe(EscalationTrigger trigger) => trigger switch
    {
        PercentOfTarget p => $"at {p.Percent.ToString(CultureInfo.InvariantCulture)}% of target",
        AfterBreach a => $"{a.Offset.ToTimeSpan()} after breach",
        _ => trigger.ToString(),
    };
}
