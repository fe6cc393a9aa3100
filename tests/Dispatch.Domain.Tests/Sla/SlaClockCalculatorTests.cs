using Dispatch.Domain.Sla;
using NodaTime;
using static Dispatch.Domain.Tests.Sla.Sample;

namespace Dispatch.Domain.Tests.Sla;

public class SlaClockCalculatorTests
{
    private static readonly double[] Warnings = [50, 75, 90];
    private static readonly Instant Created = Utc(2026, 3, 2, 8);
    private static readonly SlaTarget Response = new(SlaMetric.Response, Duration.FromHours(2), "24x7");

    private static SlaClockReading Read(SlaTarget target, Instant now, params SlaEvent[] timeline) =>
        SlaClockCalculator.Evaluate(target, AlwaysOpen, timeline, now, Warnings);

    [Fact]
    public void Response_clock_runs_from_creation_on_a_24x7_calendar()
    {
        var reading = Read(Response, Utc(2026, 3, 2, 8, 30), At(Created, SlaEventKind.Created));

        Assert.Equal(SlaClockState.Running, reading.State);
        Assert.Equal(Duration.FromMinutes(30), reading.Elapsed);
        Assert.Equal(Duration.FromMinutes(90), reading.Remaining);
        Assert.Equal(Utc(2026, 3, 2, 10), reading.DueAt);
        Assert.Null(reading.StoppedAt);
        Assert.Equal(Created, reading.StartedAt);
        Assert.Equal([new CountedInterval(new Interval(Created, Utc(2026, 3, 2, 8, 30)), Duration.FromMinutes(30))], reading.Explanation.Counted);
        Assert.Empty(reading.Explanation.CalendarGaps);
    }

    [Fact]
    public void Clock_turns_to_warning_at_the_first_threshold()
    {
        var timeline = new[] { At(Created, SlaEventKind.Created) };

        Assert.Equal(SlaClockState.Running, Read(Response, Utc(2026, 3, 2, 8, 59), timeline).State);
        Assert.Equal(SlaClockState.Warning, Read(Response, Utc(2026, 3, 2, 9), timeline).State);
        Assert.Equal(SlaClockState.Warning, Read(Response, Utc(2026, 3, 2, 9, 59), timeline).State);
        Assert.Equal(SlaClockState.Running, SlaClockCalculator.Evaluate(Response, AlwaysOpen, timeline, Utc(2026, 3, 2, 9, 59), []).State);
    }

    [Fact]
    public void Running_past_the_target_is_breached_with_negative_remaining_and_the_breach_instant()
    {
        var reading = Read(Response, Utc(2026, 3, 2, 10, 20), At(Created, SlaEventKind.Created));

        Assert.Equal(SlaClockState.Breached, reading.State);
        Assert.Equal(Duration.FromMinutes(-20), reading.Remaining);
        Assert.Equal(Utc(2026, 3, 2, 10), reading.DueAt);
        Assert.Null(reading.StoppedAt);
    }

    [Fact]
    public void Accepting_within_target_meets_the_response_clock()
    {
        var accepted = Utc(2026, 3, 2, 9, 30);

        var reading = Read(Response, Utc(2026, 3, 2, 12), At(Created, SlaEventKind.Created), At(accepted, SlaEventKind.OfferAccepted));

        Assert.Equal(SlaClockState.Met, reading.State);
        Assert.Equal(Duration.FromMinutes(90), reading.Elapsed);
        Assert.Equal(Duration.FromMinutes(30), reading.Remaining);
        Assert.Equal(accepted, reading.StoppedAt);
        Assert.Equal(Utc(2026, 3, 2, 10), reading.DueAt);
    }

    [Fact]
    public void Accepting_late_or_exactly_at_the_target_is_a_breach_not_a_met_clock()
    {
        var late = Read(Response, Utc(2026, 3, 2, 12), At(Created, SlaEventKind.Created), At(Utc(2026, 3, 2, 10, 30), SlaEventKind.OfferAccepted));
        var onTheDot = Read(Response, Utc(2026, 3, 2, 12), At(Created, SlaEventKind.Created), At(Utc(2026, 3, 2, 10), SlaEventKind.OfferAccepted));

        Assert.Equal(SlaClockState.Breached, late.State);
        Assert.Equal(Duration.FromMinutes(150), late.Elapsed);
        Assert.Equal(Duration.FromMinutes(-30), late.Remaining);
        Assert.Equal(Utc(2026, 3, 2, 10), late.DueAt);
        Assert.Equal(Utc(2026, 3, 2, 10, 30), late.StoppedAt);
        Assert.Equal(SlaClockState.Breached, onTheDot.State);
    }

    [Fact]
    public void Pause_and_resume_leave_the_waiting_time_out_and_push_the_deadline()
    {
        var reading = Read(
            Response,
            Utc(2026, 3, 2, 10),
            At(Created, SlaEventKind.Created),
            At(Utc(2026, 3, 2, 8, 30), SlaEventKind.Paused, "waiting on customer"),
            At(Utc(2026, 3, 2, 9, 30), SlaEventKind.Resumed));

        Assert.Equal(SlaClockState.Warning, reading.State);
        Assert.Equal(Duration.FromHours(1), reading.Elapsed);
        Assert.Equal(Utc(2026, 3, 2, 11), reading.DueAt);
        Assert.Equal([new PauseInterval(Utc(2026, 3, 2, 8, 30), Utc(2026, 3, 2, 9, 30), "waiting on customer")], reading.Explanation.Pauses);
        Assert.Equal(
            [
                new CountedInterval(new Interval(Created, Utc(2026, 3, 2, 8, 30)), Duration.FromMinutes(30)),
                new CountedInterval(new Interval(Utc(2026, 3, 2, 9, 30), Utc(2026, 3, 2, 10)), Duration.FromHours(1)),
            ],
            reading.Explanation.Counted);
    }

    [Fact]
    public void A_paused_clock_has_no_due_instant_and_an_open_pause()
    {
        var reading = Read(
            Response,
            Utc(2026, 3, 2, 11),
            At(Created, SlaEventKind.Created),
            At(Utc(2026, 3, 2, 8, 45), SlaEventKind.Paused, "waiting for parts"));

        Assert.Equal(SlaClockState.Paused, reading.State);
        Assert.Equal(Duration.FromMinutes(45), reading.Elapsed);
        Assert.Null(reading.DueAt);
        Assert.Equal([new PauseInterval(Utc(2026, 3, 2, 8, 45), null, "waiting for parts")], reading.Explanation.Pauses);
    }

    [Fact]
    public void A_pause_spanning_closed_hours_counts_only_open_unpaused_time()
    {
        // Berlin office hours (CET = UTC+1). Created Monday 16:00, paused 16:30 until Tuesday 10:00, read Tuesday 11:00.
        var office = OfficeHours("office", "Europe/Berlin");
        var target = new SlaTarget(SlaMetric.Resolution, Duration.FromHours(4), "office");

        var reading = SlaClockCalculator.Evaluate(
            target,
            office,
            [
                At(Utc(2026, 3, 2, 15), SlaEventKind.Created),
                At(Utc(2026, 3, 2, 15, 30), SlaEventKind.Paused, "waiting on customer"),
                At(Utc(2026, 3, 3, 9), SlaEventKind.Resumed),
            ],
            Utc(2026, 3, 3, 10),
            Warnings);

        Assert.Equal(Duration.FromMinutes(90), reading.Elapsed);
        Assert.Equal(Duration.FromMinutes(150), reading.Remaining);
        Assert.Equal(Utc(2026, 3, 3, 12, 30), reading.DueAt); // Tuesday 13:30 CET
        Assert.Equal(SlaClockState.Running, reading.State);
        Assert.Equal([new Interval(Utc(2026, 3, 2, 16), Utc(2026, 3, 3, 8))], reading.Explanation.CalendarGaps);
        Assert.Equal([new PauseInterval(Utc(2026, 3, 2, 15, 30), Utc(2026, 3, 3, 9), "waiting on customer")], reading.Explanation.Pauses);
        Assert.Equal(
            [
                new CountedInterval(new Interval(Utc(2026, 3, 2, 15), Utc(2026, 3, 2, 15, 30)), Duration.FromMinutes(30)),
                new CountedInterval(new Interval(Utc(2026, 3, 3, 9), Utc(2026, 3, 3, 10)), Duration.FromMinutes(90)),
            ],
            reading.Explanation.Counted);
    }

    [Fact]
    public void A_late_event_with_an_earlier_timestamp_changes_the_answer_on_recomputation()
    {
        var arrival = new SlaTarget(SlaMetric.Arrival, Duration.FromHours(2), "24x7");
        var now = Utc(2026, 3, 2, 10, 30);
        var before = new List<SlaEvent> { At(Created, SlaEventKind.Created), At(Utc(2026, 3, 2, 8, 10), SlaEventKind.OfferAccepted) };

        Assert.Equal(SlaClockState.Breached, Read(arrival, now, [.. before]).State);

        // The engineer's phone was offline: "on site at 09:40" arrives after the fact, appended at the end.
        var after = new List<SlaEvent>(before) { At(Utc(2026, 3, 2, 9, 40), SlaEventKind.OnSite) };
        var reading = Read(arrival, now, [.. after]);

        Assert.Equal(SlaClockState.Met, reading.State);
        Assert.Equal(Duration.FromMinutes(100), reading.Elapsed);
        Assert.Equal(Utc(2026, 3, 2, 9, 40), reading.StoppedAt);
    }

    [Fact]
    public void A_late_pause_is_applied_where_it_belongs_in_time()
    {
        var inOrder = new[]
        {
            At(Created, SlaEventKind.Created),
            At(Utc(2026, 3, 2, 8, 20), SlaEventKind.Paused, "customer away"),
            At(Utc(2026, 3, 2, 9, 20), SlaEventKind.Resumed),
            At(Utc(2026, 3, 2, 9, 50), SlaEventKind.OfferAccepted),
        };
        var arrivedLate = new[] { inOrder[0], inOrder[3], inOrder[2], inOrder[1] };
        var now = Utc(2026, 3, 2, 12);

        var reading = Read(Response, now, arrivedLate);

        Assert.Equal(Read(Response, now, inOrder), reading);
        Assert.Equal(SlaClockState.Met, reading.State);
        Assert.Equal(Duration.FromMinutes(50), reading.Elapsed);
    }

    [Fact]
    public void Events_after_now_are_not_yet_known()
    {
        var reading = Read(Response, Utc(2026, 3, 2, 9), At(Created, SlaEventKind.Created), At(Utc(2026, 3, 2, 9, 30), SlaEventKind.OfferAccepted));

        Assert.Equal(SlaClockState.Warning, reading.State);
        Assert.Equal(Duration.FromHours(1), reading.Elapsed);
    }

    [Fact]
    public void Nothing_runs_before_the_ticket_is_created()
    {
        var reading = Read(Response, Utc(2026, 3, 2, 9), At(Utc(2026, 3, 2, 8, 30), SlaEventKind.Paused));

        Assert.Equal(SlaClockState.NotStarted, reading.State);
        Assert.Equal(Duration.Zero, reading.Elapsed);
        Assert.Null(reading.DueAt);
    }

    [Fact]
    public void An_acceptance_stamped_before_creation_by_a_skewed_device_counts_as_at_creation()
    {
        var reading = Read(Response, Utc(2026, 3, 2, 9), At(Created, SlaEventKind.Created), At(Created - Duration.FromSeconds(2), SlaEventKind.OfferAccepted));

        Assert.Equal(SlaClockState.Met, reading.State);
        Assert.Equal(Duration.Zero, reading.Elapsed);
        Assert.Equal(Created, reading.StoppedAt);
    }

    [Fact]
    public void Accept_clock_restarts_with_each_new_offer()
    {
        var accept = new SlaTarget(SlaMetric.Accept, Duration.FromMinutes(15), "24x7");
        var timeline = new List<SlaEvent> { At(Created, SlaEventKind.Created) };

        Assert.Equal(SlaClockState.NotStarted, Read(accept, Utc(2026, 3, 2, 8, 1), [.. timeline]).State);

        timeline.Add(At(Utc(2026, 3, 2, 8, 5), SlaEventKind.OfferMade));
        timeline.Add(At(Utc(2026, 3, 2, 8, 15), SlaEventKind.OfferExpired));
        var expired = Read(accept, Utc(2026, 3, 2, 8, 20), [.. timeline]);
        Assert.Equal(SlaClockState.Stopped, expired.State);
        Assert.Equal(Duration.FromMinutes(10), expired.Elapsed);
        Assert.Equal(Utc(2026, 3, 2, 8, 15), expired.StoppedAt);
        Assert.Null(expired.DueAt);

        timeline.Add(At(Utc(2026, 3, 2, 8, 30), SlaEventKind.OfferMade));
        var second = Read(accept, Utc(2026, 3, 2, 8, 36), [.. timeline]);
        Assert.Equal(SlaClockState.Running, second.State);
        Assert.Equal(Duration.FromMinutes(6), second.Elapsed);
        Assert.Equal(Utc(2026, 3, 2, 8, 45), second.DueAt);
        Assert.Equal(Utc(2026, 3, 2, 8, 30), second.StartedAt);

        timeline.Add(At(Utc(2026, 3, 2, 8, 42), SlaEventKind.OfferAccepted));
        var accepted = Read(accept, Utc(2026, 3, 2, 9), [.. timeline]);
        Assert.Equal(SlaClockState.Met, accepted.State);
        Assert.Equal(Duration.FromMinutes(12), accepted.Elapsed);
    }

    [Fact]
    public void Reopening_resumes_the_resolution_clock_without_the_time_spent_resolved()
    {
        var resolution = new SlaTarget(SlaMetric.Resolution, Duration.FromHours(8), "24x7");
        var timeline = new List<SlaEvent>
        {
            At(Created, SlaEventKind.Created),
            At(Utc(2026, 3, 2, 10), SlaEventKind.Resolved),
        };

        var resolved = Read(resolution, Utc(2026, 3, 2, 12), [.. timeline]);
        Assert.Equal(SlaClockState.Met, resolved.State);
        Assert.Equal(Duration.FromHours(2), resolved.Elapsed);
        Assert.Equal(Utc(2026, 3, 2, 10), resolved.StoppedAt);
        Assert.Equal(Utc(2026, 3, 2, 16), resolved.DueAt);

        timeline.Add(At(Utc(2026, 3, 2, 13), SlaEventKind.Reopened, "still leaking"));
        var reopened = Read(resolution, Utc(2026, 3, 2, 14), [.. timeline]);
        Assert.Equal(SlaClockState.Running, reopened.State);
        Assert.Equal(Duration.FromHours(3), reopened.Elapsed);
        Assert.Equal(Utc(2026, 3, 2, 19), reopened.DueAt);
        Assert.Null(reopened.StoppedAt);
        Assert.Equal(
            [new PauseInterval(Utc(2026, 3, 2, 10), Utc(2026, 3, 2, 13), "resolved until reopened", SlaEventKind.Resolved)],
            reopened.Explanation.Pauses);
    }

    [Fact]
    public void Reopening_does_not_restart_a_response_clock_that_was_already_met()
    {
        var reading = Read(
            Response,
            Utc(2026, 3, 2, 14),
            At(Created, SlaEventKind.Created),
            At(Utc(2026, 3, 2, 8, 30), SlaEventKind.OfferAccepted),
            At(Utc(2026, 3, 2, 10), SlaEventKind.Resolved),
            At(Utc(2026, 3, 2, 13), SlaEventKind.Reopened));

        Assert.Equal(SlaClockState.Met, reading.State);
        Assert.Equal(Duration.FromMinutes(30), reading.Elapsed);
    }

    [Fact]
    public void Cancelling_stops_unmet_clocks_and_leaves_an_earlier_breach_standing()
    {
        var timeline = new[] { At(Created, SlaEventKind.Created), At(Utc(2026, 3, 2, 9), SlaEventKind.Cancelled, "duplicate") };
        var arrival = new SlaTarget(SlaMetric.Arrival, Duration.FromMinutes(30), "24x7");
        var now = Utc(2026, 3, 2, 12);

        var response = Read(Response, now, timeline);
        Assert.Equal(SlaClockState.Stopped, response.State);
        Assert.Equal(Duration.FromHours(1), response.Elapsed);
        Assert.Equal(Utc(2026, 3, 2, 9), response.StoppedAt);
        Assert.Null(response.DueAt);

        var breachedBeforeCancel = Read(arrival, now, timeline);
        Assert.Equal(SlaClockState.Breached, breachedBeforeCancel.State);
        Assert.Equal(Duration.FromHours(1), breachedBeforeCancel.Elapsed);
        Assert.Equal(Utc(2026, 3, 2, 8, 30), breachedBeforeCancel.DueAt);
    }

    [Fact]
    public void A_policy_reads_every_clock_with_warnings_from_its_ladder()
    {
        var policy = Policy(
            "p",
            PolicyMatch.Any,
            Response,
            new SlaTarget(SlaMetric.Resolution, Duration.FromHours(8), "24x7"));

        var readings = SlaClockCalculator.Evaluate(policy, new CalendarBook([AlwaysOpen]), [At(Created, SlaEventKind.Created)], Utc(2026, 3, 2, 9, 30));

        Assert.Equal([SlaMetric.Response, SlaMetric.Resolution], readings.Select(r => r.Metric));
        Assert.Equal([SlaClockState.Warning, SlaClockState.Running], readings.Select(r => r.State));
    }
}
