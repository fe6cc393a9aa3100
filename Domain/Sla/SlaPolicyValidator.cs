using System.Globalization;
using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>
/// The rules an SLA policy, calendar or escalation rule must follow before a ticket may compute with it, each
/// problem named by its field. The bounds keep every checkpoint a ticket can compute a real instant: at most
/// <see cref="LongestTarget"/> × <see cref="MostPercent"/>% + <see cref="LongestAfterBreach"/> of business time
/// (about ten years, several decades on an office-hours calendar) after the clock starts, far inside what
/// NodaTime and decimal arithmetic hold. A value outside them is a typo, not a promise anyone makes.
/// </summary>
/// <remarks>
/// Documents (configuration, the admin API) are checked field by field through these same rules by the
/// document mapper while it parses them, so that a value is judged in one place whichever way it arrives.
/// </remarks>
public static class SlaPolicyValidator
{
    /// <summary>Below a second a deadline cannot be honoured: timers, pushes and people work in seconds.</summary>
    public static readonly Duration ShortestTarget = Duration.FromSeconds(1);

    /// <summary>A year: the longest promise a service contract makes (a resolution on a project-sized job).</summary>
    public static readonly Duration LongestTarget = Duration.FromDays(365);

    /// <summary>Escalating ten times the target late still means something; beyond that it is a typo.</summary>
    public const double MostPercent = 1000;

    /// <summary>An escalation a month after the breach is the longest a ladder needs.</summary>
    public static readonly Duration LongestAfterBreach = Duration.FromDays(30);

    /// <summary>A rule fires at most a year after creation, like the longest target.</summary>
    public static readonly Duration LongestRuleDelay = Duration.FromDays(365);

    public const int MostSteps = 20;
    public const int MostActions = 10;
    public const int MostMatchValues = 50;
    public const int HighestLevel = 10;
    public const double WidestSearch = 100;
    public const int MaxNameLength = 200;
    public const int MostPeriodsPerDay = 10;
    public const int MostHolidays = 1000;

    public static IReadOnlyList<SlaProblem> Validate(SlaPolicy policy, CalendarBook calendars)
    {
        var problems = new List<SlaProblem>();
        problems.AddRange(Id("id", policy.Id));
        problems.AddRange(Name("name", policy.Name));
        problems.AddRange(Validate(policy.Match).Under("match"));
        problems.AddRange(TargetCount(policy.Targets.Count));
        problems.AddRange(TargetMetrics(policy.Targets.Select(t => t.Metric)));
        for (var i = 0; i < policy.Targets.Count; i++)
        {
            problems.AddRange(Validate(policy.Targets[i], calendars).Under(SlaProblem.Index("targets", i)));
        }
        problems.AddRange(StepCount(policy.Ladder.Steps.Count));
        problems.AddRange(StepIds(policy.Ladder.Steps.Select(s => s.Id)));
        for (var i = 0; i < policy.Ladder.Steps.Count; i++)
        {
            problems.AddRange(Validate(policy.Ladder.Steps[i]).Under(SlaProblem.Index("ladder", i)));
        }
        return problems;
    }

    public static IEnumerable<SlaProblem> Validate(PolicyMatch match)
    {
        var problems = new List<SlaProblem>();
        if (match.Priorities is { Count: > MostMatchValues })
        {
            problems.Add(new("priorities", $"at most {MostMatchValues} values"));
        }
        problems.AddRange(Values("tiers", match.Tiers));
        problems.AddRange(Values("serviceTypes", match.ServiceTypes));
        problems.AddRange(Values("regions", match.Regions));
        return problems;
    }

    /// <summary>At least one promise: a policy that promises nothing would never warn nor breach.</summary>
    public static IEnumerable<SlaProblem> TargetCount(int count)
    {
        if (count == 0)
        {
            yield return new("targets", "at least one target: a policy that promises nothing would never warn nor breach");
        }
    }

    public static IEnumerable<SlaProblem> TargetMetrics(IEnumerable<SlaMetric> metrics)
    {
        foreach (var duplicate in metrics.GroupBy(m => m).Where(g => g.Count() > 1))
        {
            yield return new("targets", $"the metric {SlaSchedule.MetricName(duplicate.Key)} has more than one target");
        }
    }

    public static IEnumerable<SlaProblem> Validate(SlaTarget target, CalendarBook calendars) =>
        Target("target", target.Target).Concat(Calendar("calendar", target.CalendarId, calendars));

    public static IEnumerable<SlaProblem> Target(string field, Duration target)
    {
        if (target < ShortestTarget || target > LongestTarget)
        {
            yield return new(field, "a duration from 1 second (\"00:00:01\") to 365 days (\"365.00:00:00\")");
        }
    }

    public static IEnumerable<SlaProblem> Calendar(string field, string calendarId, CalendarBook calendars)
    {
        if (!calendars.Contains(calendarId))
        {
            yield return new(field, $"unknown calendar '{Shown(calendarId)}'");
        }
    }

    public static IEnumerable<SlaProblem> StepCount(int count)
    {
        if (count > MostSteps)
        {
            yield return new("ladder", $"at most {MostSteps} steps");
        }
    }

    /// <summary>Each step id once: the id is how a step fires only once.</summary>
    public static IEnumerable<SlaProblem> StepIds(IEnumerable<string> ids)
    {
        foreach (var duplicate in ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return new("ladder", $"the step id '{Shown(duplicate.Key)}' is used more than once (ids must be unique to fire once)");
        }
    }

    public static IEnumerable<SlaProblem> Validate(EscalationStep step)
    {
        var problems = Id("id", step.Id).Concat(Level("level", step.Level)).Concat(Trigger(step.Trigger, step.Kind)).ToList();
        problems.AddRange(MetricCount(step.Metrics?.Count ?? 0));
        problems.AddRange(ActionCount(step.Actions.Count));
        for (var i = 0; i < step.Actions.Count; i++)
        {
            problems.AddRange(Validate(step.Actions[i]).Under(SlaProblem.Index("actions", i)));
        }
        return problems;
    }

    /// <summary>
    /// When a step fires, judged by what it means: a warning comes before the deadline, the breach is the
    /// deadline, an escalation after it. The field is the trigger's own ("percent" or "afterBreach"); without a
    /// known kind only the outer bounds are checked.
    /// </summary>
    public static IEnumerable<SlaProblem> Trigger(EscalationTrigger trigger, EscalationKind? kind)
    {
        switch (trigger)
        {
            case PercentOfTarget { Percent: var percent }:
                if (!double.IsFinite(percent) || percent <= 0 || percent > MostPercent)
                {
                    yield return new("percent", $"a percentage of the target above 0 and at most {MostPercent.ToString(CultureInfo.InvariantCulture)}");
                }
                else if (kind == EscalationKind.Warning && percent >= 100)
                {
                    yield return new("percent", "a warning comes before the deadline: below 100");
                }
                else if (kind == EscalationKind.Breach && percent != 100)
                {
                    yield return new("percent", "the breach is the deadline: 100");
                }
                else if (kind == EscalationKind.Escalation && percent <= 100)
                {
                    yield return new("percent", "an escalation comes after the breach: above 100 (or use afterBreach)");
                }
                break;
            case AfterBreach { Offset: var offset }:
                if (offset < Duration.Zero || offset > LongestAfterBreach)
                {
                    yield return new("afterBreach", "a duration from 0 to 30 days (\"30.00:00:00\")");
                }
                else if (kind == EscalationKind.Warning)
                {
                    yield return new("afterBreach", "a warning comes before the deadline: give a percent below 100 instead");
                }
                else if (kind == EscalationKind.Breach && offset != Duration.Zero)
                {
                    yield return new("afterBreach", "the breach is the deadline: 0 (or percent 100)");
                }
                break;
            default:
                yield return new("", "a step fires at a percent of the target or after the breach");
                break;
        }
    }

    /// <summary>A step watches some of the four metrics (none: all of them).</summary>
    public static IEnumerable<SlaProblem> MetricCount(int count)
    {
        if (count > 4)
        {
            yield return new("metrics", "at most the four metrics");
        }
    }

    public static IEnumerable<SlaProblem> ActionCount(int count)
    {
        if (count > MostActions)
        {
            yield return new("actions", $"at most {MostActions} actions");
        }
    }

    public static IEnumerable<SlaProblem> Validate(EscalationAction action)
    {
        switch (action)
        {
            case AlertRole { Role: var role } when !Identifier.IsValid(role):
                yield return new("role", $"the role to alert: {Identifier.Rule}");
                break;
            case WidenSearch { Factor: var factor } when !double.IsFinite(factor) || factor <= 1 || factor > WidestSearch:
                yield return new("factor", $"how many times wider to search: above 1, at most {WidestSearch.ToString(CultureInfo.InvariantCulture)}");
                break;
            default:
                break;
        }
    }

    public static IEnumerable<SlaProblem> Validate(EscalationRule rule)
    {
        var problems = Id("id", rule.Id).Concat(Name("name", rule.Name)).Concat(Level("level", rule.Level)).ToList();
        problems.AddRange(RuleDelay("after", rule.After));
        problems.AddRange(Values("tiers", rule.Condition.Tiers));
        problems.AddRange(Values("serviceTypes", rule.Condition.ServiceTypes));
        problems.AddRange(Values("regions", rule.Condition.Regions));
        problems.AddRange(ActionCount(rule.Actions.Count));
        for (var i = 0; i < rule.Actions.Count; i++)
        {
            problems.AddRange(Validate(rule.Actions[i]).Under(SlaProblem.Index("actions", i)));
        }
        return problems;
    }

    public static IEnumerable<SlaProblem> RuleDelay(string field, Duration after)
    {
        if (after <= Duration.Zero || after > LongestRuleDelay)
        {
            yield return new(field, "a duration after creation above 0 and at most 365 days");
        }
    }

    public static IEnumerable<SlaProblem> Validate(BusinessCalendar calendar)
    {
        foreach (var problem in Id("id", calendar.Id))
        {
            yield return problem;
        }
        if (calendar is not WorkingHoursCalendar hours)
        {
            yield break;
        }
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(hours.TimeZoneId) is null)
        {
            yield return new("timeZone", $"'{Shown(hours.TimeZoneId)}' is not a known IANA time zone");
        }
        if (!hours.HasWorkingHours)
        {
            yield return new("week", "no working hours on any weekday: the calendar would never count time");
        }
        foreach (var (day, periods) in hours.Week.Where(d => d.Value.Count > MostPeriodsPerDay))
        {
            yield return new($"week.{day}", $"at most {MostPeriodsPerDay} periods a day");
        }
        if (hours.Holidays.Count > MostHolidays)
        {
            yield return new("holidays", $"at most {MostHolidays} holidays");
        }
    }

    public static IEnumerable<SlaProblem> Id(string field, string? id)
    {
        if (!Identifier.IsValid(id))
        {
            yield return new(field, Identifier.Rule);
        }
    }

    /// <summary>A name people read: not blank, bounded, no control characters.</summary>
    public static IEnumerable<SlaProblem> Name(string field, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            yield return new(field, "required");
        }
        else if (name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            yield return new(field, $"at most {MaxNameLength} characters, without control characters");
        }
    }

    /// <summary>A step's own acknowledgement time: at least a second (the chain tells one person after another), at most a week.</summary>
    public static IEnumerable<SlaProblem> AcknowledgeWithin(string field, Duration? within)
    {
        if (within is { } d && (d < Duration.FromSeconds(1) || d > Duration.FromDays(7)))
        {
            yield return new(field, "a duration from 1 second to 7 days (\"00:05:00\"); leave it out for the configured default");
        }
    }

    public static IEnumerable<SlaProblem> Level(string field, int level)
    {
        if (level is < 0 or > HighestLevel)
        {
            yield return new(field, $"an escalation level from 0 to {HighestLevel}");
        }
    }

    /// <summary>A match list (tiers, service types, regions): null or empty means any; each value an id.</summary>
    public static IEnumerable<SlaProblem> Values(string field, IReadOnlyList<string?>? values)
    {
        if (values is null)
        {
            yield break;
        }
        if (values.Count > MostMatchValues)
        {
            yield return new(field, $"at most {MostMatchValues} values");
            yield break;
        }
        for (var i = 0; i < values.Count; i++)
        {
            if (!Identifier.IsValid(values[i]))
            {
                yield return new(SlaProblem.Index(field, i), Identifier.Rule);
            }
        }
    }

    /// <summary>A value quoted back in a message, cut short so that a 10 KB id does not come back 10 KB long.</summary>
    private static string Shown(string? value) =>
        value is null ? "" : value.Length <= Identifier.MaxLength ? value : value[..Identifier.MaxLength] + "…";
}
