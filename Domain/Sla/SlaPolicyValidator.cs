using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>
/// Checks policies, calendars and rules that arrive as data (configuration, admin API) and names every problem,
/// so a bad policy is refused up front instead of failing inside a grain at the first deadline.
/// </summary>
public static class SlaPolicyValidator
{
    public static IReadOnlyList<string> Validate(SlaPolicy policy, CalendarBook calendars)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(policy.Id))
        {
            problems.Add("policy id is required");
        }

        if (policy.Targets.Count == 0)
        {
            problems.Add($"policy '{policy.Id}' has no targets");
        }

        foreach (var duplicate in policy.Targets.GroupBy(t => t.Metric).Where(g => g.Count() > 1))
        {
            problems.Add($"policy '{policy.Id}' sets metric {SlaSchedule.MetricName(duplicate.Key)} more than once");
        }

        foreach (var target in policy.Targets)
        {
            var name = SlaSchedule.MetricName(target.Metric);
            if (target.Target <= Duration.Zero)
            {
                problems.Add($"target for {name} must be positive");
            }

            if (!calendars.TryGet(target.CalendarId, out var calendar))
            {
                problems.Add($"target for {name} names unknown calendar '{target.CalendarId}'");
            }
            else
            {
                problems.AddRange(Validate(calendar));
            }
        }

        foreach (var duplicate in policy.Ladder.Steps.GroupBy(s => s.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"escalation step id '{duplicate.Key}' is used more than once (ids must be unique to fire once)");
        }

        foreach (var step in policy.Ladder.Steps)
        {
            problems.AddRange(Validate(step));
        }

        return problems;
    }

    public static IReadOnlyList<string> Validate(BusinessCalendar calendar)
    {
        var problems = new List<string>();
        if (calendar is WorkingHoursCalendar hours)
        {
            if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(hours.TimeZoneId) is null)
            {
                problems.Add($"calendar '{hours.Id}' has unknown time zone '{hours.TimeZoneId}'");
            }

            if (!hours.HasWorkingHours)
            {
                problems.Add($"calendar '{hours.Id}' has no working hours on any weekday");
            }
        }

        return problems;
    }

    public static IReadOnlyList<string> Validate(EscalationStep step)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(step.Id))
        {
            problems.Add("escalation step id is required");
        }

        switch (step.Trigger)
        {
            case PercentOfTarget { Percent: var percent } when !double.IsFinite(percent) || percent <= 0:
                problems.Add($"step '{step.Id}': percent of target must be a positive number");
                break;
            case AfterBreach { Offset: var offset } when offset < Duration.Zero:
                problems.Add($"step '{step.Id}': offset after breach must not be negative");
                break;
            default:
                break;
        }

        problems.AddRange(ValidateActions(step.Actions, $"step '{step.Id}'"));
        return problems;
    }

    public static IReadOnlyList<string> Validate(EscalationRule rule)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(rule.Id))
        {
            problems.Add("rule id is required");
        }

        if (rule.After < Duration.Zero)
        {
            problems.Add($"rule '{rule.Id}': 'after' must not be negative");
        }

        problems.AddRange(ValidateActions(rule.Actions, $"rule '{rule.Id}'"));
        return problems;
    }

    private static IEnumerable<string> ValidateActions(IReadOnlyList<EscalationAction> actions, string owner)
    {
        foreach (var action in actions)
        {
            switch (action)
            {
                case AlertRole { Role: var role } when string.IsNullOrWhiteSpace(role):
                    yield return $"{owner}: alert needs a role";
                    break;
                case WidenSearch { Factor: var factor } when !double.IsFinite(factor) || factor < 1:
                    yield return $"{owner}: search widening factor must be at least 1";
                    break;
                default:
                    break;
            }
        }
    }
}
