namespace Dispatch.Grains.Sla;

// The SLA book as data: the shape of the "Sla" configuration section, of the admin API's bodies, and of
// what the policy-book grain stores. Durations are TimeSpans ("02:00:00", "1.00:00:00"), times of day
// "HH:mm", dates "yyyy-MM-dd". SlaDocumentMapper turns them into the domain's NodaTime model.

[GenerateSerializer, Alias("dispatch.sla.policy")]
public sealed class SlaPolicyDocument
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public PolicyMatchDocument Match { get; set; } = new();
    [Id(3)] public List<SlaTargetDocument> Targets { get; set; } = [];
    [Id(4)] public List<EscalationStepDocument> Ladder { get; set; } = [];
}

[GenerateSerializer, Alias("dispatch.sla.match")]
public sealed class PolicyMatchDocument
{
    [Id(0)] public List<string>? Priorities { get; set; }
    [Id(1)] public List<string>? Tiers { get; set; }
    [Id(2)] public List<string>? ServiceTypes { get; set; }
    [Id(3)] public List<string>? Regions { get; set; }
}

[GenerateSerializer, Alias("dispatch.sla.target")]
public sealed class SlaTargetDocument
{
    /// <summary>response, accept, arrival or resolution.</summary>
    [Id(0)] public string Metric { get; set; } = "";
    [Id(1)] public TimeSpan Target { get; set; }
    [Id(2)] public string Calendar { get; set; } = "24x7";
}

[GenerateSerializer, Alias("dispatch.sla.step")]
public sealed class EscalationStepDocument
{
    [Id(0)] public string Id { get; set; } = "";

    /// <summary>warning, breach or escalation.</summary>
    [Id(1)] public string Kind { get; set; } = "";

    /// <summary>Fires when this percentage of the target has elapsed (warnings, the breach at 100)...</summary>
    [Id(2)] public double? Percent { get; set; }

    /// <summary>...or this long after the breach (escalation levels).</summary>
    [Id(3)] public TimeSpan? AfterBreach { get; set; }
    [Id(4)] public int Level { get; set; }
    [Id(5)] public List<EscalationActionDocument> Actions { get; set; } = [];

    /// <summary>The metrics this step watches; none means all of the policy's.</summary>
    [Id(6)] public List<string>? Metrics { get; set; }

    /// <summary>How long each person this step's level tells has to acknowledge; none: Notifications:AcknowledgeWithin.</summary>
    [Id(7)] public TimeSpan? AcknowledgeWithin { get; set; }
}

[GenerateSerializer, Alias("dispatch.sla.action")]
public sealed class EscalationActionDocument
{
    /// <summary>alertRole, raisePriority or widenSearch.</summary>
    [Id(0)] public string Type { get; set; } = "";
    [Id(1)] public string? Role { get; set; }
    [Id(2)] public double? Factor { get; set; }
}

[GenerateSerializer, Alias("dispatch.sla.calendar")]
public sealed class CalendarDocument
{
    [Id(0)] public string Id { get; set; } = "";

    /// <summary>An IANA zone ("Asia/Shanghai"); without one the calendar is open around the clock.</summary>
    [Id(1)] public string? TimeZone { get; set; }

    /// <summary>Opening hours by weekday name ("Monday": [{"start": "09:00", "end": "18:00"}]).</summary>
    [Id(2)] public Dictionary<string, List<WorkingPeriodDocument>> Week { get; set; } = [];
    [Id(3)] public List<DateOnly> Holidays { get; set; } = [];
}

[GenerateSerializer, Alias("dispatch.sla.period")]
public sealed class WorkingPeriodDocument
{
    [Id(0)] public string Start { get; set; } = "";
    [Id(1)] public string End { get; set; } = "";
}

[GenerateSerializer, Alias("dispatch.sla.rule")]
public sealed class EscalationRuleDocument
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public List<string>? Tiers { get; set; }
    [Id(3)] public List<string>? Priorities { get; set; }
    [Id(4)] public List<string>? ServiceTypes { get; set; }

    /// <summary>The milestone whose absence the rule watches: offerAccepted, onSite or resolved.</summary>
    [Id(5)] public string? NotReached { get; set; }
    [Id(6)] public TimeSpan After { get; set; }
    [Id(7)] public int Level { get; set; }
    [Id(8)] public List<EscalationActionDocument> Actions { get; set; } = [];
    [Id(9)] public List<string>? Regions { get; set; }

    /// <summary>How long each person the rule's alert tells has to acknowledge; none: Notifications:AcknowledgeWithin.</summary>
    [Id(10)] public TimeSpan? AcknowledgeWithin { get; set; }
}

/// <summary>The whole book as configured: calendars, ordered policies, the default, and the rules.</summary>
[GenerateSerializer, Alias("dispatch.sla.book")]
public sealed class SlaBookDocument
{
    /// <summary>The calendar every book has, configured or not: open around the clock.</summary>
    public const string AlwaysOpenCalendarId = "24x7";


    [Id(0)] public List<CalendarDocument> Calendars { get; set; } = [];
    [Id(1)] public List<SlaPolicyDocument> Policies { get; set; } = [];
    [Id(2)] public SlaPolicyDocument? Default { get; set; }
    [Id(3)] public List<EscalationRuleDocument> Rules { get; set; } = [];
}

public static class SlaBookReferences
{
    /// <summary>Whether an engineer's shift or a target may name this calendar.</summary>
    public static bool HasCalendar(this SlaBookDocument book, string calendarId) =>
        calendarId == SlaBookDocument.AlwaysOpenCalendarId || (book.Calendars ?? []).Any(c => c?.Id == calendarId);

    /// <summary>Whether a customer's contract may name this policy (the default included).</summary>
    public static bool HasPolicy(this SlaBookDocument book, string policyId) =>
        book.Default?.Id == policyId || (book.Policies ?? []).Any(p => p?.Id == policyId);
}
