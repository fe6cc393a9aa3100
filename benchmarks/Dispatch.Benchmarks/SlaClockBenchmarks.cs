using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Dispatch.Domain.Sla;
using NodaTime;

namespace Dispatch.Benchmarks;

/// <summary>
/// SLA clock arithmetic over a long timeline: a ticket created on Monday 2026-09-21 10:00 in Shanghai, accepted,
/// on site, then paused and resumed 50 times over three weeks (across the National Day holidays), read three
/// weeks later. The same timeline on a business calendar (Asia/Shanghai, Mon–Fri 09:00–18:00, holidays) and on
/// a 24x7 calendar (the Baseline of each category); and the checkpoint schedule of a policy with a 6-step ladder.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(StandardConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SlaClockBenchmarks
{
    private const string Business = "shanghai-business";
    private const string AlwaysOpen = "24x7";

    private static readonly LocalDate[] Holidays =
        [new(2026, 10, 1), new(2026, 10, 2), new(2026, 10, 5), new(2026, 10, 6), new(2026, 10, 7), new(2027, 1, 1)];

    private static readonly IReadOnlyList<double> WarningPercents = [50, 75, 90];

    private WorkingHoursCalendar _business = null!;
    private AlwaysOpenCalendar _alwaysOpen = null!;
    private CalendarBook _calendars = null!;
    private SlaTarget _businessTarget = null!;
    private SlaTarget _alwaysOpenTarget = null!;
    private SlaPolicy _businessPolicy = null!;
    private SlaPolicy _alwaysOpenPolicy = null!;
    private SlaEvent[] _timeline = null!;
    private Instant _now;

    [GlobalSetup]
    public void Setup()
    {
        var officeDay = new[] { new WorkingPeriod(new LocalTime(9, 0), new LocalTime(18, 0)) };
        _business = new WorkingHoursCalendar(
            Business,
            "Asia/Shanghai",
            new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkingPeriod>>
            {
                [IsoDayOfWeek.Monday] = officeDay,
                [IsoDayOfWeek.Tuesday] = officeDay,
                [IsoDayOfWeek.Wednesday] = officeDay,
                [IsoDayOfWeek.Thursday] = officeDay,
                [IsoDayOfWeek.Friday] = officeDay,
            },
            Holidays);
        _alwaysOpen = new AlwaysOpenCalendar(AlwaysOpen);
        _calendars = new CalendarBook([_business, _alwaysOpen]);

        // 60 business hours to resolve: still running (partly used) on the business calendar after three
        // weeks with pauses, long breached on 24x7, so both readings compute a due instant.
        var resolution = Duration.FromHours(60);
        _businessTarget = new SlaTarget(SlaMetric.Resolution, resolution, Business);
        _alwaysOpenTarget = new SlaTarget(SlaMetric.Resolution, resolution, AlwaysOpen);
        _businessPolicy = Policy("business", Business);
        _alwaysOpenPolicy = Policy("24x7", AlwaysOpen);

        var zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        var created = new LocalDateTime(2026, 9, 21, 10, 0).InZoneStrictly(zone).ToInstant();
        var timeline = new List<SlaEvent>
        {
            new(created, SlaEventKind.Created),
            new(created + Duration.FromMinutes(3), SlaEventKind.OfferMade),
            new(created + Duration.FromMinutes(5), SlaEventKind.OfferAccepted),
            new(created + Duration.FromMinutes(50), SlaEventKind.OnSite),
        };

        // 50 pause/resume pairs spread over three weeks: every ~10 h a pause of 1–6 h (waiting for parts,
        // on the customer), some of them across nights, weekends and the holidays.
        var random = new Random(3);
        var at = created + Duration.FromHours(1);
        string[] reasons = ["waitingForParts", "waitingOnCustomer", "waitingForPermit"];
        for (var i = 0; i < 50; i++)
        {
            at += Duration.FromMinutes(60 + random.Next(0, 240));
            timeline.Add(new SlaEvent(at, SlaEventKind.Paused, reasons[i % reasons.Length]));
            at += Duration.FromMinutes(60 + random.Next(0, 300));
            timeline.Add(new SlaEvent(at, SlaEventKind.Resumed));
        }

        _timeline = [.. timeline];
        _now = created + Duration.FromDays(21);
        if (at >= _now)
        {
            throw new InvalidOperationException("The timeline must end before 'now'.");
        }
    }

    [Benchmark(Baseline = true, Description = "Evaluate, 24x7")]
    [BenchmarkCategory("Evaluate")]
    public SlaClockReading EvaluateAlwaysOpen() =>
        SlaClockCalculator.Evaluate(_alwaysOpenTarget, _alwaysOpen, _timeline, _now, WarningPercents);

    [Benchmark(Description = "Evaluate, business calendar")]
    [BenchmarkCategory("Evaluate")]
    public SlaClockReading EvaluateBusiness() =>
        SlaClockCalculator.Evaluate(_businessTarget, _business, _timeline, _now, WarningPercents);

    [Benchmark(Baseline = true, Description = "Checkpoints, 6-step ladder, 24x7")]
    [BenchmarkCategory("Checkpoints")]
    public IReadOnlyList<SlaCheckpoint> CheckpointsAlwaysOpen() =>
        SlaSchedule.Checkpoints(_alwaysOpenPolicy, _calendars, _timeline, _now);

    [Benchmark(Description = "Checkpoints, 6-step ladder, business calendar")]
    [BenchmarkCategory("Checkpoints")]
    public IReadOnlyList<SlaCheckpoint> CheckpointsBusiness() =>
        SlaSchedule.Checkpoints(_businessPolicy, _calendars, _timeline, _now);

    /// <summary>Response, arrival and resolution targets under warnings at 50/75/90 %, the breach, +30 min and +2 h.</summary>
    private static SlaPolicy Policy(string id, string calendarId) => new(
        id,
        id,
        PolicyMatch.Any,
        [
            new SlaTarget(SlaMetric.Response, Duration.FromHours(2), calendarId),
            new SlaTarget(SlaMetric.Arrival, Duration.FromHours(8), calendarId),
            new SlaTarget(SlaMetric.Resolution, Duration.FromHours(60), calendarId),
        ],
        new EscalationLadder(
        [
            new EscalationStep("warn-50", new PercentOfTarget(50), EscalationKind.Warning, 0, [new AlertRole("dispatcher")]),
            new EscalationStep("warn-75", new PercentOfTarget(75), EscalationKind.Warning, 0, [new AlertRole("dispatcher")]),
            new EscalationStep("warn-90", new PercentOfTarget(90), EscalationKind.Warning, 0, [new AlertRole("dispatcher")]),
            new EscalationStep("breach", new PercentOfTarget(100), EscalationKind.Breach, 1, [new AlertRole("dispatcher")]),
            new EscalationStep("supervisor", new AfterBreach(Duration.FromMinutes(30)), EscalationKind.Escalation, 2, [new AlertRole("supervisor"), new WidenSearch(2)]),
            new EscalationStep("director", new AfterBreach(Duration.FromHours(2)), EscalationKind.Escalation, 3, [new AlertRole("director"), new RaisePriority()]),
        ]));
}
