using Dispatch.Domain.Sla;
using NodaTime;
using NodaTime.Text;

namespace Dispatch.Grains.Sla;

/// <summary>
/// Turns SLA documents (configuration, admin API bodies) into the domain model, collecting every problem
/// with the field it concerns ("targets[1].metric"), so that a bad document is refused whole and named.
/// </summary>
public sealed class SlaDocumentMapper
{
    private static readonly LocalTimePattern TimeOfDay = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    private readonly Dictionary<string, List<string>> _errors = [];

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public bool HasErrors => _errors.Count > 0;

    /// <summary>The whole book; throws <see cref="InvalidOperationException"/> listing the problems when it is not valid.</summary>
    public static SlaBook ToBook(SlaBookDocument document, long version)
    {
        var mapper = new SlaDocumentMapper();
        var calendars = mapper.Calendars(document.Calendars, "calendars");
        var policies = document.Policies.Select((p, i) => mapper.Policy(p, calendars, $"policies[{i}]")).ToList();
        var fallback = document.Default is null ? null : mapper.Policy(document.Default, calendars, "default");
        if (document.Default is null)
        {
            mapper.Add("default", "a default policy is required");
        }
        var rules = document.Rules.Select((r, i) => mapper.Rule(r, $"rules[{i}]")).ToList();
        var duplicate = document.Policies.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            mapper.Add("policies", $"two policies have the id '{duplicate.Key}'");
        }
        if (mapper.HasErrors)
        {
            throw new InvalidOperationException("The SLA book is not valid: " +
                string.Join("; ", mapper.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        }
        return new SlaBook(version, calendars, new SlaPolicyBook(policies!, fallback!), rules!);
    }

    public CalendarBook Calendars(IReadOnlyList<CalendarDocument> documents, string path)
    {
        var calendars = new List<BusinessCalendar>();
        for (var i = 0; i < documents.Count; i++)
        {
            if (Calendar(documents[i], $"{path}[{i}]") is { } calendar)
            {
                calendars.Add(calendar);
            }
        }
        if (!calendars.Any(c => c.Id == "24x7"))
        {
            calendars.Add(new AlwaysOpenCalendar("24x7"));
        }
        try
        {
            return new CalendarBook(calendars);
        }
        catch (ArgumentException ex)
        {
            Add(path, ex.Message);
            return new CalendarBook(calendars.DistinctBy(c => c.Id));
        }
    }

    public BusinessCalendar? Calendar(CalendarDocument document, string path)
    {
        Require(document.Id, $"{path}.id");
        if (string.IsNullOrWhiteSpace(document.TimeZone))
        {
            return new AlwaysOpenCalendar(document.Id);
        }
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(document.TimeZone) is null)
        {
            Add($"{path}.timeZone", $"'{document.TimeZone}' is not a known IANA time zone");
            return null;
        }
        var week = new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingPeriod>>();
        foreach (var (dayName, periods) in document.Week)
        {
            if (!Enum.TryParse<IsoDayOfWeek>(dayName, ignoreCase: true, out var day) || day == IsoDayOfWeek.None)
            {
                Add($"{path}.week.{dayName}", "not a weekday name (Monday..Sunday)");
                continue;
            }
            var mapped = new List<WorkingPeriod>();
            for (var p = 0; p < periods.Count; p++)
            {
                var start = TimeOfDay.Parse(periods[p].Start);
                var end = TimeOfDay.Parse(periods[p].End);
                if (!start.Success || !end.Success)
                {
                    Add($"{path}.week.{dayName}[{p}]", "start and end are times of day, HH:mm");
                    continue;
                }
                try
                {
                    mapped.Add(new WorkingPeriod(start.Value, end.Value));
                }
                catch (ArgumentException ex)
                {
                    Add($"{path}.week.{dayName}[{p}]", ex.Message);
                }
            }
            week[day] = mapped;
        }
        var holidays = document.Holidays.Select(d => new LocalDate(d.Year, d.Month, d.Day)).ToList();
        return new WorkingHoursCalendar(document.Id, document.TimeZone, week, holidays);
    }

    public SlaPolicy? Policy(SlaPolicyDocument document, CalendarBook calendars, string path)
    {
        Require(document.Id, $"{path}.id");
        Require(document.Name, $"{path}.name");
        var match = new PolicyMatch(
            Priorities(document.Match.Priorities, $"{path}.match.priorities"),
            document.Match.Tiers,
            document.Match.ServiceTypes,
            document.Match.Regions);
        var targets = new List<SlaTarget>();
        for (var i = 0; i < document.Targets.Count; i++)
        {
            var target = document.Targets[i];
            var metric = Metric(target.Metric, $"{path}.targets[{i}].metric");
            if (target.Target <= TimeSpan.Zero)
            {
                Add($"{path}.targets[{i}].target", "a target is a positive duration");
            }
            if (!calendars.Contains(target.Calendar))
            {
                Add($"{path}.targets[{i}].calendar", $"unknown calendar '{target.Calendar}'");
            }
            if (metric is { } m)
            {
                targets.Add(new SlaTarget(m, Duration.FromTimeSpan(target.Target), target.Calendar));
            }
        }
        if (targets.GroupBy(t => t.Metric).Any(g => g.Count() > 1))
        {
            Add($"{path}.targets", "each metric may have one target");
        }
        var steps = document.Ladder.Select((s, i) => Step(s, $"{path}.ladder[{i}]")).OfType<EscalationStep>().ToList();
        if (steps.GroupBy(s => s.Id).Any(g => g.Count() > 1))
        {
            Add($"{path}.ladder", "step ids must be unique within a policy");
        }
        return new SlaPolicy(document.Id, document.Name, match, targets, new EscalationLadder(steps));
    }

    public EscalationRule? Rule(EscalationRuleDocument document, string path)
    {
        Require(document.Id, $"{path}.id");
        Require(document.Name, $"{path}.name");
        SlaEventKind? notReached = null;
        if (document.NotReached is not null)
        {
            notReached = document.NotReached.ToLowerInvariant() switch
            {
                "offeraccepted" or "accepted" => SlaEventKind.OfferAccepted,
                "onsite" => SlaEventKind.OnSite,
                "resolved" => SlaEventKind.Resolved,
                _ => null,
            };
            if (notReached is null)
            {
                Add($"{path}.notReached", "one of offerAccepted, onSite, resolved");
            }
        }
        if (document.After <= TimeSpan.Zero)
        {
            Add($"{path}.after", "a rule fires a positive time after creation");
        }
        var condition = new RuleCondition(document.Tiers, Priorities(document.Priorities, $"{path}.priorities"), document.ServiceTypes, notReached, document.Regions);
        return new EscalationRule(document.Id, document.Name, condition, Duration.FromTimeSpan(document.After),
            Actions(document.Actions, $"{path}.actions"), document.Level);
    }

    private EscalationStep? Step(EscalationStepDocument document, string path)
    {
        Require(document.Id, $"{path}.id");
        EscalationKind? kind = Enum.TryParse<EscalationKind>(document.Kind, ignoreCase: true, out var k) ? k : null;
        if (kind is null)
        {
            Add($"{path}.kind", "one of warning, breach, escalation");
        }
        EscalationTrigger? trigger = (document.Percent, document.AfterBreach) switch
        {
            ({ } percent, null) when percent > 0 && double.IsFinite(percent) => new PercentOfTarget(percent),
            (null, { } offset) when offset >= TimeSpan.Zero => new AfterBreach(Duration.FromTimeSpan(offset)),
            _ => null,
        };
        if (trigger is null)
        {
            Add(path, "a step has either a positive percent or a non-negative afterBreach");
        }
        var metrics = document.Metrics?.Select((m, i) => Metric(m, $"{path}.metrics[{i}]")).OfType<SlaMetric>().ToList();
        var actions = Actions(document.Actions, $"{path}.actions");
        return kind is { } stepKind && trigger is not null
            ? new EscalationStep(document.Id, trigger, stepKind, document.Level, actions, metrics)
            : null;
    }

    private List<EscalationAction> Actions(List<EscalationActionDocument> documents, string path)
    {
        var actions = new List<EscalationAction>();
        for (var i = 0; i < documents.Count; i++)
        {
            var document = documents[i];
            EscalationAction? action = document.Type.ToLowerInvariant() switch
            {
                "alertrole" when !string.IsNullOrWhiteSpace(document.Role) => new AlertRole(document.Role),
                "raisepriority" => new RaisePriority(),
                "widensearch" when document.Factor is > 1 and < 100 => new WidenSearch(document.Factor.Value),
                _ => null,
            };
            if (action is null)
            {
                Add($"{path}[{i}]", "alertRole with a role, raisePriority, or widenSearch with a factor between 1 and 100");
                continue;
            }
            actions.Add(action);
        }
        return actions;
    }

    private List<Priority>? Priorities(List<string>? names, string path)
    {
        if (names is null)
        {
            return null;
        }
        var priorities = new List<Priority>();
        for (var i = 0; i < names.Count; i++)
        {
            if (Enum.TryParse<Priority>(names[i], ignoreCase: true, out var priority) && Enum.IsDefined(priority))
            {
                priorities.Add(priority);
            }
            else
            {
                Add($"{path}[{i}]", "one of P1, P2, P3, P4");
            }
        }
        return priorities;
    }

    private SlaMetric? Metric(string name, string path)
    {
        if (Enum.TryParse<SlaMetric>(name, ignoreCase: true, out var metric) && Enum.IsDefined(metric))
        {
            return metric;
        }
        Add(path, "one of response, accept, arrival, resolution");
        return null;
    }

    private void Require(string value, string path)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(path, "required");
        }
        else if (value.Length > 100)
        {
            Add(path, "at most 100 characters");
        }
    }

    private void Add(string path, string message)
    {
        if (!_errors.TryGetValue(path, out var messages))
        {
            _errors[path] = messages = [];
        }
        messages.Add(message);
    }

}
