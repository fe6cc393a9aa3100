using Dispatch.Domain.Sla;
using NodaTime;

namespace Dispatch.Domain.Tests.Sla;

/// <summary>Builders shared by the SLA tests, so each test states only what matters to it.</summary>
internal static class Sample
{
    public static readonly AlwaysOpenCalendar AlwaysOpen = new("24x7");

    public static Instant Utc(int year, int month, int day, int hour, int minute = 0) =>
        Instant.FromUtc(year, month, day, hour, minute);

    /// <summary>The instant a wall clock in <paramref name="zoneId"/> shows; only for unambiguous local times.</summary>
    public static Instant Local(string zoneId, int year, int month, int day, int hour, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(DateTimeZoneProviders.Tzdb[zoneId]).ToInstant();

    public static WorkingPeriod Period(int startHour, int startMinute, int endHour, int endMinute = 0) =>
        new(new LocalTime(startHour, startMinute), new LocalTime(endHour, endMinute));

    /// <summary>Monday to Friday, 09:00–17:00, in the given zone.</summary>
    public static WorkingHoursCalendar OfficeHours(string id, string zoneId, params LocalDate[] holidays) =>
        new(
            id,
            zoneId,
            new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingPeriod>>
            {
                [IsoDayOfWeek.Monday] = [Period(9, 0, 17)],
                [IsoDayOfWeek.Tuesday] = [Period(9, 0, 17)],
                [IsoDayOfWeek.Wednesday] = [Period(9, 0, 17)],
                [IsoDayOfWeek.Thursday] = [Period(9, 0, 17)],
                [IsoDayOfWeek.Friday] = [Period(9, 0, 17)],
            },
            holidays);

    /// <summary>The same periods on every day of the week.</summary>
    public static WorkingHoursCalendar EveryDay(string id, string zoneId, params WorkingPeriod[] periods) =>
        new(
            id,
            zoneId,
            Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None)
                .ToDictionary(d => d, IReadOnlyList<WorkingPeriod> (_) => periods),
            []);

    public static SlaEvent At(Instant at, SlaEventKind kind, string? reason = null) => new(at, kind, reason);

    /// <summary>The usual ladder: warnings at 50/75/90 %, the breach, then supervisor at +30 min and director at +2 h.</summary>
    public static EscalationLadder StandardLadder { get; } = new(
    [
        new EscalationStep("warn-50", new PercentOfTarget(50), EscalationKind.Warning, 0, [new AlertRole("dispatcher")]),
        new EscalationStep("warn-75", new PercentOfTarget(75), EscalationKind.Warning, 0, [new AlertRole("dispatcher")]),
        new EscalationStep("warn-90", new PercentOfTarget(90), EscalationKind.Warning, 0, [new AlertRole("dispatcher")]),
        new EscalationStep("breach", new PercentOfTarget(100), EscalationKind.Breach, 1, [new AlertRole("dispatcher")]),
        new EscalationStep("supervisor", new AfterBreach(Duration.FromMinutes(30)), EscalationKind.Escalation, 2, [new AlertRole("supervisor"), new WidenSearch(2)]),
        new EscalationStep("director", new AfterBreach(Duration.FromHours(2)), EscalationKind.Escalation, 3, [new AlertRole("director"), new RaisePriority()]),
    ]);

    public static SlaPolicy Policy(string id, PolicyMatch match, params SlaTarget[] targets) =>
        new(id, id, match, targets, StandardLadder);
}
