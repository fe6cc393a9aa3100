using Dispatch.Domain.Sla;
using NodaTime;
using NodaTime.Text;

namespace Dispatch.Grains.Sla;

/// <summary>
/// Turns SLA documents (configuration, admin API bodies, the stored book) into the domain model, collecting every
/// problem with the field it concerns ("policies[2].targets[1].metric"), so that a bad document is refused whole
/// and named. It judges what only a document can get wrong (JSON nulls, unknown names, unparseable times); every
/// value it maps is judged by <see cref="SlaPolicyValidator"/>'s rules.
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
        var book = mapper.Book(document, version);
        if (book is null)
        {
            throw new InvalidOperationException("The SLA book is not valid: " +
                string.Join("; ", mapper.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        }
        return book;
    }

    public bool IsValid(SlaBookDocument document) => Book(document, 0) is not null;

    /// <summary>The whole book, or null when it has problems (read them in <see cref="Errors"/>).</summary>
    public SlaBook? Book(SlaBookDocument document, long version)
    {
        var calendars = Calendars(document.Calendars, "calendars");
        var policies = new List<SlaPolicy>();
        if (List(document.Policies, "policies") is { } policyDocuments)
        {
            for (var i = 0; i < policyDocuments.Count; i++)
            {
                if (Policy(policyDocuments[i], calendars, SlaProblem.Index("policies", i)) is { } policy)
                {
                    policies.Add(policy);
                }
            }
            foreach (var duplicate in policyDocuments.OfType<SlaPolicyDocument>().GroupBy(p => p.Id).Where(g => g.Count() > 1))
            {
                Add("policies", $"two policies have the id '{duplicate.Key}'");
            }
        }
        var fallback = document.Default is null ? null : Policy(document.Default, calendars, "default");
        if (document.Default is null)
        {
            Add("default", "a default policy is required");
        }
        var rules = new List<EscalationRule>();
        if (List(document.Rules, "rules") is { } ruleDocuments)
        {
            for (var i = 0; i < ruleDocuments.Count; i++)
            {
                if (Rule(ruleDocuments[i], SlaProblem.Index("rules", i)) is { } rule)
                {
                    rules.Add(rule);
                }
            }
        }
        return HasErrors ? null : new SlaBook(version, calendars, new SlaPolicyBook(policies, fallback!), rules);
    }

    public CalendarBook Calendars(IReadOnlyList<CalendarDocument?>? documents, string path)
    {
        var calendars = new List<BusinessCalendar>();
        var list = List(documents, path) ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (Calendar(list[i], SlaProblem.Index(path, i)) is { } calendar)
            {
                calendars.Add(calendar);
            }
        }
        if (!calendars.Any(c => c.Id == SlaBookDocument.AlwaysOpenCalendarId))
        {
            calendars.Add(new AlwaysOpenCalendar(SlaBookDocument.AlwaysOpenCalendarId));
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

    public BusinessCalendar? Calendar(CalendarDocument? document, string path)
    {
        if (!Present(document, path))
        {
            return null;
        }
        BusinessCalendar? calendar;
        if (string.IsNullOrWhiteSpace(document.TimeZone))
        {
            calendar = new AlwaysOpenCalendar(document.Id);
        }
        else
        {
            var week = new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingPeriod>>();
            foreach (var (dayName, periods) in document.Week ?? [])
            {
                var dayPath = $"{path}.week.{dayName}";
                if (!Enum.TryParse<IsoDayOfWeek>(dayName, ignoreCase: true, out var day) || day == IsoDayOfWeek.None || !Enum.IsDefined(day))
                {
                    Add(dayPath, "not a weekday name (Monday..Sunday)");
                    continue;
                }
                week[day] = Periods(periods, dayPath);
            }
            var holidays = (document.Holidays ?? []).Select(d => new LocalDate(d.Year, d.Month, d.Day)).ToList();
            calendar = new WorkingHoursCalendar(document.Id, document.TimeZone, week, holidays);
        }
        var problems = SlaPolicyValidator.Validate(calendar).ToList();
        Add(problems, path);
        return problems.Count == 0 ? calendar : null;
    }

    private List<WorkingPeriod> Periods(IReadOnlyList<WorkingPeriodDocument?>? periods, string path)
    {
        var mapped = new List<WorkingPeriod>();
        var list = List(periods, path) ?? [];
        for (var p = 0; p < list.Count; p++)
        {
            var periodPath = SlaProblem.Index(path, p);
            if (!Present(list[p], periodPath))
            {
                continue;
            }
            var start = TimeOfDay.Parse(list[p]!.Start ?? "");
            var end = TimeOfDay.Parse(list[p]!.End ?? "");
            if (!start.Success || !end.Success)
            {
                Add(periodPath, "start and end are times of day, HH:mm");
                continue;
            }
            try
            {
                mapped.Add(new WorkingPeriod(start.Value, end.Value));
            }
            catch (ArgumentException ex)
            {
                Add(periodPath, ex.Message);
            }
        }
        return mapped;
    }

    /// <summary>One policy, judged whole; null when anything in it is wrong (the problems are in <see cref="Errors"/>).</summary>
    public SlaPolicy? Policy(SlaPolicyDocument? document, CalendarBook calendars, string path)
    {
        if (!Present(document, path))
        {
            return null;
        }
        var before = _errors.Count;
        Add(SlaPolicyValidator.Id("id", document.Id), path);
        Add(SlaPolicyValidator.Name("name", document.Name), path);
        var match = Match(document.Match, SlaProblem.Join(path, "match"));
        var targets = Targets(document.Targets, calendars, path);
        var steps = Ladder(document.Ladder, path);
        return _errors.Count == before
            ? new SlaPolicy(document.Id, document.Name, match!, targets!, new EscalationLadder(steps!))
            : null;
    }

    private PolicyMatch? Match(PolicyMatchDocument? document, string path)
    {
        if (!Present(document, path, "required: an object ({} matches every ticket)"))
        {
            return null;
        }
        var match = new PolicyMatch(
            Priorities(document.Priorities, SlaProblem.Join(path, "priorities")),
            document.Tiers,
            document.ServiceTypes,
            document.Regions);
        Add(SlaPolicyValidator.Validate(match), path);
        return match;
    }

    private List<SlaTarget>? Targets(IReadOnlyList<SlaTargetDocument?>? documents, CalendarBook calendars, string policyPath)
    {
        var path = SlaProblem.Join(policyPath, "targets");
        if (List(documents, path, "required: a list of one target per metric") is not { } list)
        {
            return null;
        }
        Add(SlaPolicyValidator.TargetCount(list.Count), policyPath);
        var targets = new List<SlaTarget>();
        for (var i = 0; i < list.Count; i++)
        {
            var targetPath = SlaProblem.Index(path, i);
            if (!Present(list[i], targetPath))
            {
                continue;
            }
            var document = list[i]!;
            var metric = Named<SlaMetric>(document.Metric, SlaProblem.Join(targetPath, "metric"), "one of response, accept, arrival, resolution");
            var target = new SlaTarget(metric ?? default, Duration.FromTimeSpan(document.Target), document.Calendar ?? "");
            Add(SlaPolicyValidator.Validate(target, calendars), targetPath);
            if (metric is not null)
            {
                targets.Add(target);
            }
        }
        Add(SlaPolicyValidator.TargetMetrics(targets.Select(t => t.Metric)), policyPath);
        return targets;
    }

    private List<EscalationStep>? Ladder(IReadOnlyList<EscalationStepDocument?>? documents, string policyPath)
    {
        var path = SlaProblem.Join(policyPath, "ladder");
        if (List(documents, path, "required: a list of steps ([] for none)") is not { } list)
        {
            return null;
        }
        Add(SlaPolicyValidator.StepCount(list.Count), policyPath);
        var steps = new List<EscalationStep>();
        for (var i = 0; i < list.Count; i++)
        {
            if (Step(list[i], SlaProblem.Index(path, i)) is { } step)
            {
                steps.Add(step);
            }
        }
        Add(SlaPolicyValidator.StepIds(list.OfType<EscalationStepDocument>().Select(s => s.Id ?? "")), policyPath);
        return steps;
    }

    private EscalationStep? Step(EscalationStepDocument? document, string path)
    {
        if (!Present(document, path))
        {
            return null;
        }
        var before = _errors.Count;
        Add(SlaPolicyValidator.Id("id", document.Id).Concat(SlaPolicyValidator.Level("level", document.Level)), path);
        var acknowledgeWithin = document.AcknowledgeWithin is { } within ? Duration.FromTimeSpan(within) : (Duration?)null;
        Add(SlaPolicyValidator.AcknowledgeWithin("acknowledgeWithin", acknowledgeWithin), path);
        var kind = Named<EscalationKind>(document.Kind, SlaProblem.Join(path, "kind"), "one of warning, breach, escalation");
        EscalationTrigger? trigger = (document.Percent, document.AfterBreach) switch
        {
            ({ } percent, null) => new PercentOfTarget(percent),
            (null, { } offset) => new AfterBreach(Duration.FromTimeSpan(offset)),
            _ => null,
        };
        if (trigger is null)
        {
            Add(path, "a step has either a percent or an afterBreach");
        }
        else
        {
            Add(SlaPolicyValidator.Trigger(trigger, kind), path);
        }
        var metrics = Metrics(document.Metrics, SlaProblem.Join(path, "metrics"));
        var actions = Actions(document.Actions, path);
        return _errors.Count == before
            ? new EscalationStep(document.Id, trigger!, kind!.Value, document.Level, actions!, metrics, acknowledgeWithin)
            : null;
    }

    public EscalationRule? Rule(EscalationRuleDocument? document, string path)
    {
        if (!Present(document, path))
        {
            return null;
        }
        var before = _errors.Count;
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
                Add(SlaProblem.Join(path, "notReached"), "one of offerAccepted, onSite, resolved");
            }
        }
        var condition = new RuleCondition(document.Tiers, Priorities(document.Priorities, SlaProblem.Join(path, "priorities")), document.ServiceTypes, notReached, document.Regions);
        var actions = Actions(document.Actions, path);
        var acknowledgeWithin = document.AcknowledgeWithin is { } within ? Duration.FromTimeSpan(within) : (Duration?)null;
        Add(SlaPolicyValidator.AcknowledgeWithin("acknowledgeWithin", acknowledgeWithin), path);
        var rule = new EscalationRule(document.Id, document.Name, condition, Duration.FromTimeSpan(document.After), [], document.Level, acknowledgeWithin);
        // The actions were judged one by one as they were read, each at its own index.
        Add(SlaPolicyValidator.Validate(rule), path);
        return _errors.Count == before ? rule with { Actions = actions! } : null;
    }

    private List<EscalationAction>? Actions(IReadOnlyList<EscalationActionDocument?>? documents, string ownerPath)
    {
        var path = SlaProblem.Join(ownerPath, "actions");
        if (List(documents, path, "required: a list of actions ([] for none)") is not { } list)
        {
            return null;
        }
        Add(SlaPolicyValidator.ActionCount(list.Count), ownerPath);
        var actions = new List<EscalationAction>();
        for (var i = 0; i < list.Count; i++)
        {
            var actionPath = SlaProblem.Index(path, i);
            if (!Present(list[i], actionPath))
            {
                continue;
            }
            var document = list[i]!;
            EscalationAction? action = document.Type?.ToLowerInvariant() switch
            {
                "alertrole" => new AlertRole(document.Role ?? ""),
                "raisepriority" => new RaisePriority(),
                "widensearch" => new WidenSearch(document.Factor ?? double.NaN),
                _ => null,
            };
            if (action is null)
            {
                Add(SlaProblem.Join(actionPath, "type"), "one of alertRole (with a role), raisePriority, widenSearch (with a factor)");
                continue;
            }
            var problems = SlaPolicyValidator.Validate(action).ToList();
            Add(problems, actionPath);
            if (problems.Count == 0)
            {
                actions.Add(action);
            }
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
            if (Named<Priority>(names[i], SlaProblem.Index(path, i), "one of P1, P2, P3, P4") is { } priority)
            {
                priorities.Add(priority);
            }
        }
        return priorities;
    }

    private List<SlaMetric>? Metrics(List<string>? names, string path)
    {
        if (names is null)
        {
            return null;
        }
        Add(SlaPolicyValidator.MetricCount(names.Count).Select(p => p with { Field = "" }), path);
        return names.Select((m, i) => Named<SlaMetric>(m, SlaProblem.Index(path, i), "one of response, accept, arrival, resolution"))
            .OfType<SlaMetric>().ToList();
    }

    /// <summary>An enum value by its name only (any case): not by number, not a comma-separated combination.</summary>
    private TEnum? Named<TEnum>(string? name, string path, string expected)
        where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            if (string.Equals(value.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        Add(path, expected);
        return null;
    }

    /// <summary>A list that JSON may have sent as null: null is named, never walked into.</summary>
    private IReadOnlyList<T>? List<T>(IReadOnlyList<T>? list, string path, string message = "required: a list")
    {
        if (list is null)
        {
            Add(path, message);
        }
        return list;
    }

    private bool Present<T>([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] T? value, string path, string message = "required: an object")
        where T : class
    {
        if (value is null)
        {
            Add(path, message);
            return false;
        }
        return true;
    }

    private void Add(IEnumerable<SlaProblem> problems, string path)
    {
        foreach (var problem in problems)
        {
            Add(problem.Under(path).Field, problem.Message);
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
