using Dispatch.Domain.Devices;
using Dispatch.Domain.Engineers;
using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Tests.Engineers;

public sealed class EngineerAggregateTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly EngineerActor Admin = new("ann", "admin");
    private static readonly EngineerActor Self = new("eng-1", "engineer");
    private static readonly Position Home = new(31.23, 121.47);
    private static readonly EngineerRules Rules = new(DeviceTimeRule.Default, 150, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1));

    [Fact]
    public void A_command_changes_nothing_until_its_events_are_applied()
    {
        var engineer = New();

        var decision = engineer.Register(Card(), Admin, Start);

        Assert.False(engineer.Registered);
        Assert.Equal(["engineer.registered"], decision.Events.Select(e => e.What));
        Apply(engineer, decision);
        Assert.True(engineer.Registered);
    }

    [Fact]
    public void Registering_again_names_each_aspect_that_changed_and_the_same_card_changes_nothing()
    {
        var engineer = Registered();

        Assert.Empty(engineer.Register(Card(), Admin, Start).Events);

        var changed = engineer.Register(Card(capacity: 3, skills: new() { ["plumbing"] = 90 }) with { Phone = "+86 21 5555" }, Admin, Start);
        Assert.Equal(["engineer.profile-changed", "engineer.skills-changed", "engineer.capacity-changed"], changed.Events.Select(e => e.What));
        Assert.Equal(["phone"], ((ProfileChanged)changed.Events[0]).Changed);
        Apply(engineer, changed);
        Assert.Equal(3, engineer.State.Card!.Capacity);
        Assert.Equal(90, engineer.State.Card.Skills["plumbing"]);
        Assert.Equal("+86 21 5555", engineer.State.Card.Phone);
    }

    [Fact]
    public void Starting_and_ending_a_shift_and_a_break_are_events_of_their_own()
    {
        var engineer = Registered();

        Assert.Equal("engineer.shift-started", Apply(engineer, engineer.SetPresence(Presence.Available, Self, Start)).Events.Single().What);
        Assert.Equal("engineer.break-started", Apply(engineer, engineer.SetPresence(Presence.OnBreak, Self, Start)).Events.Single().What);
        Assert.Equal("engineer.break-ended", Apply(engineer, engineer.SetPresence(Presence.Available, Self, Start)).Events.Single().What);
        Assert.Empty(engineer.SetPresence(Presence.Available, Self, Start).Events);
        Assert.Equal("engineer.shift-ended", Apply(engineer, engineer.SetPresence(Presence.Offline, Self, Start)).Events.Single().What);
        Assert.Equal(EngineerRefusalCause.NotFound, New().SetPresence(Presence.Available, Self, Start).Refusal!.Cause);
    }

    [Fact]
    public void An_offer_is_held_only_by_an_available_engineer_with_a_fresh_position_on_shift()
    {
        var engineer = Registered();
        Assert.Equal("Offline", Reserve(engineer, "t-1").Refusal!.Why);

        Apply(engineer, engineer.SetPresence(Presence.Available, Self, Start));
        Assert.Equal("no trusted position", Reserve(engineer, "t-1").Refusal!.Why);

        Apply(engineer, engineer.ReportPosition(Home, null, 10, "r-1", Start).Decision);
        Assert.Equal("off shift", engineer.Reserve(Offer("t-1"), onShift: false, Start).Refusal!.Why);
        Assert.StartsWith("no position for", engineer.Reserve(Offer("t-1"), onShift: true, Start.AddMinutes(11)).Refusal!.Why);

        Apply(engineer, Reserve(engineer, "t-1"));
        Assert.Equal("t-1", engineer.State.Offer!.TicketId);
        Assert.Empty(Reserve(engineer, "t-1").Events); // the same offer again: already held
        Assert.Equal("holding another offer", Reserve(engineer, "t-2").Refusal!.Why);
        Assert.Equal(ShownStatus.Offered, engineer.Status);
    }

    [Fact]
    public void Capacity_is_never_exceeded_whatever_order_offers_accepts_and_capacity_changes_come_in()
    {
        var random = new Random(14);
        for (var run = 0; run < 200; run++)
        {
            var engineer = Working(capacity: random.Next(0, 4));
            for (var step = 0; step < 40; step++)
            {
                var ticket = $"t-{random.Next(0, 8)}";
                var decision = random.Next(0, 6) switch
                {
                    0 or 1 => Reserve(engineer, ticket),
                    2 => engineer.State.Offer is { } offer ? engineer.Accept(offer.TicketId, Self, Start) : engineer.Accept(ticket, Self, Start),
                    3 => engineer.CompleteJob(ticket, Start),
                    4 => engineer.Register(Card(capacity: random.Next(0, 4)), Admin, Start),
                    _ => engineer.ReleaseJob(ticket, "reassigned", Start),
                };
                var jobsBefore = engineer.State.Jobs.Count;
                Apply(engineer, decision);
                var allowed = engineer.State.Card!.JobsAtOnce;
                // Lowering capacity keeps the jobs already taken; nothing new is taken above it.
                Assert.True(engineer.State.Jobs.Count <= Math.Max(allowed, jobsBefore), $"run {run}, step {step}: {engineer.State.Jobs.Count} jobs, capacity {allowed}");
                if (engineer.State.Offer is not null)
                {
                    Assert.True(engineer.State.Jobs.Count + 1 <= allowed, $"run {run}, step {step}: an offer held at capacity");
                }
            }
        }
    }

    [Fact]
    public void Lowering_capacity_below_a_held_offer_gives_the_offer_back_to_its_ticket()
    {
        var engineer = Working(capacity: 2);
        Apply(engineer, Reserve(engineer, "t-1"));
        Apply(engineer, engineer.Accept("t-1", Self, Start));
        Apply(engineer, Reserve(engineer, "t-2"));

        var lowered = engineer.Register(Card(capacity: 1), Admin, Start);

        Assert.Equal(["engineer.capacity-changed", "engineer.offer-released"], lowered.Events.Select(e => e.What));
        Assert.Contains(new LapseTicketOffer("t-2", "capacity lowered"), lowered.Effects);
        Apply(engineer, lowered);
        Assert.Null(engineer.State.Offer);
        Assert.Equal(["t-1"], engineer.State.Jobs.Keys);
    }

    [Fact]
    public void Only_the_offered_ticket_can_be_accepted_or_declined_and_a_retried_accept_changes_nothing()
    {
        var engineer = Working();
        Apply(engineer, Reserve(engineer, "t-1"));

        Assert.Equal(EngineerRefusalCause.NotYours, engineer.Accept("t-9", Self, Start).Refusal!.Cause);
        Assert.Equal(EngineerRefusalCause.NotYours, engineer.Decline("t-9", Self, null, Start).Refusal!.Cause);

        var accepted = engineer.Accept("t-1", Self, Start);
        Assert.Equal(["engineer.job-accepted"], accepted.Events.Select(e => e.What));
        Apply(engineer, accepted);
        Assert.Null(engineer.State.Offer);
        Assert.Equal(JobStep.Accepted, engineer.State.Jobs["t-1"]);
        Assert.Empty(engineer.Accept("t-1", Self, Start).Events);
    }

    [Fact]
    public void A_decline_releases_the_offer_and_tells_its_ticket()
    {
        var engineer = Working();
        Apply(engineer, Reserve(engineer, "t-1"));

        var declined = engineer.Decline("t-1", Self, "too far", Start);

        Assert.Equal("declined: too far", ((OfferReleased)declined.Events.Single()).Why);
        Assert.Equal([new LapseTicketOffer("t-1", "declined: too far")], declined.Effects);
        Apply(engineer, declined);
        Assert.Null(engineer.State.Offer);
        Assert.Equal(ShownStatus.Available, engineer.Status);
    }

    [Fact]
    public void Only_a_held_job_moves_on_and_the_status_follows_the_work()
    {
        var engineer = Working();
        Apply(engineer, Reserve(engineer, "t-1"));
        Apply(engineer, engineer.Accept("t-1", Self, Start));

        Assert.Equal(EngineerRefusalCause.NotYours, engineer.Advance("t-2", JobStep.EnRoute, Self, Start).Refusal!.Cause);
        Apply(engineer, engineer.Advance("t-1", JobStep.EnRoute, Self, Start));
        Assert.Equal(ShownStatus.EnRoute, engineer.Status);
        Apply(engineer, engineer.Advance("t-1", JobStep.OnSite, Self, Start));
        Assert.Equal(ShownStatus.OnSite, engineer.Status);
        Assert.Empty(engineer.Advance("t-1", JobStep.OnSite, Self, Start).Events);

        var done = engineer.CompleteJob("t-1", Start);
        Assert.Equal(["engineer.job-finished"], done.Events.Select(e => e.What));
        Apply(engineer, done);
        Assert.Empty(engineer.State.Jobs);
        Assert.Equal((DateOnly.FromDateTime(Start.UtcDateTime), 1), (engineer.State.DoneOn, engineer.State.DoneCount));
        Assert.Empty(engineer.CompleteJob("t-1", Start).Events);
    }

    [Fact]
    public void Ending_a_shift_gives_back_the_offer_and_unstarted_jobs_and_keeps_work_under_way()
    {
        var engineer = Working(capacity: 3);
        Apply(engineer, Reserve(engineer, "t-1"));
        Apply(engineer, engineer.Accept("t-1", Self, Start));
        Apply(engineer, Reserve(engineer, "t-2"));
        Apply(engineer, engineer.Accept("t-2", Self, Start));
        Apply(engineer, engineer.Advance("t-2", JobStep.OnSite, Self, Start));
        Apply(engineer, Reserve(engineer, "t-3"));

        var off = engineer.SetPresence(Presence.Offline, Self, Start);

        Assert.Equal(["engineer.shift-ended", "engineer.offer-released", "engineer.job-released"], off.Events.Select(e => e.What));
        Assert.Contains(new LapseTicketOffer("t-3", "engineer went offline"), off.Effects);
        Assert.Contains(new ReleaseTicket("t-1", "engineer went offline"), off.Effects);
        Apply(engineer, off);
        Assert.Equal(["t-2"], engineer.State.Jobs.Keys);
        Assert.Null(engineer.State.Offer);
    }

    [Fact]
    public void A_silent_phone_ends_the_shift_after_the_stale_time_and_not_before()
    {
        var engineer = Working();

        Assert.Empty(engineer.NoticeSilence(Start.AddMinutes(10)).Events);
        var silent = engineer.NoticeSilence(Start.AddMinutes(10).AddSeconds(1));

        var ended = Assert.IsType<PresenceChanged>(silent.Events.Single());
        Assert.Equal(EngineerActor.System, ended.By);
        Assert.Equal("no position for 00:10:00", ended.Why);
    }

    [Fact]
    public void Positions_follow_the_device_time_rule_and_stale_reports_are_ignored()
    {
        var engineer = Registered();
        var first = engineer.ReportPosition(Home, Start.AddSeconds(-30), 5, "r-1", Start);
        Assert.Equal(PositionVerdict.Accepted, first.Verdict);
        Apply(engineer, first.Decision);
        Assert.Equal(Start.AddSeconds(-30), engineer.State.Position!.At); // the phone's time, within the offline window

        var older = engineer.ReportPosition(Home, Start.AddSeconds(-40), 5, "r-1", Start.AddSeconds(5));
        Assert.Equal(PositionVerdict.Ignored, older.Verdict);
        Assert.Empty(older.Decision.Events);

        // Three hours offline is beyond the window: the server's time counts.
        var late = engineer.ReportPosition(Home, Start.AddHours(-3), 5, "r-1", Start.AddSeconds(10));
        Assert.Equal(PositionVerdict.Accepted, late.Verdict);
        Apply(engineer, late.Decision);
        Assert.Equal(Start.AddSeconds(10), engineer.State.Position!.At);

        var ahead = engineer.ReportPosition(Home, Start.AddMinutes(5), 5, "r-1", Start.AddSeconds(20));
        Apply(engineer, ahead.Decision);
        Assert.Equal(Start.AddSeconds(20), engineer.State.Position!.At); // a clock far ahead: the server's time
    }

    [Fact]
    public void An_impossible_jump_is_kept_flagged_and_logged_but_not_trusted()
    {
        var engineer = Registered();
        Apply(engineer, engineer.ReportPosition(Home, null, 5, "r-1", Start).Decision);

        var jump = engineer.ReportPosition(new Position(39.9, 116.4), null, 5, "r-9", Start.AddMinutes(1));

        Assert.Equal(PositionVerdict.Flagged, jump.Verdict);
        var reported = Assert.IsType<PositionReported>(jump.Decision.Events.Single());
        Assert.True(reported.Logged);
        Assert.Equal("engineer.position-flagged", reported.What);
        Apply(engineer, jump.Decision);
        Assert.Equal(Home, engineer.State.Position!.Point);
        Assert.True(engineer.State.LastReport!.Flagged);
        Assert.Equal("r-1", engineer.State.Region);
    }

    [Fact]
    public void A_position_is_logged_once_a_minute_and_whenever_the_region_changes()
    {
        var engineer = Registered();
        var logged = new List<bool>();
        for (var second = 0; second <= 120; second += 10)
        {
            var decision = engineer.ReportPosition(Home, null, 5, "r-1", Start.AddSeconds(second)).Decision;
            logged.Add(decision.Events.Any(e => e.Logged));
            Apply(engineer, decision);
        }
        Assert.Equal(3, logged.Count(l => l)); // at 0 s (first after activation), 60 s and 120 s

        var moved = engineer.ReportPosition(new Position(31.2302, 121.4702), null, 5, "r-2", Start.AddSeconds(125)).Decision;
        Assert.Equal(["engineer.seen", "engineer.region-changed"], moved.Events.Select(e => e.What));
        Assert.All(moved.Events, e => Assert.True(e.Logged));
        Assert.Equal([new LeaveRegion("r-1")], moved.Effects);
    }

    private static Engineer New() => new(Rules, new EngineerRecord());

    private static Engineer Registered(int capacity = 1)
    {
        var engineer = New();
        Apply(engineer, engineer.Register(Card(capacity), Admin, Start));
        return engineer;
    }

    /// <summary>Registered, on shift, with a fresh position: ready for offers.</summary>
    private static Engineer Working(int capacity = 1)
    {
        var engineer = Registered(capacity);
        Apply(engineer, engineer.SetPresence(Presence.Available, Self, Start));
        Apply(engineer, engineer.ReportPosition(Home, null, 5, "r-1", Start).Decision);
        return engineer;
    }

    private static EngineerCard Card(int capacity = 1, Dictionary<string, int>? skills = null) =>
        new("Eve", skills ?? new Dictionary<string, int> { ["plumbing"] = 80 }, Home, null, capacity, null);

    private static JobOffer Offer(string ticketId) => new(ticketId, Start, Start.AddMinutes(1), 1200, TimeSpan.FromMinutes(5));

    private static EngineerDecision Reserve(Engineer engineer, string ticketId) => engineer.Reserve(Offer(ticketId), onShift: true, Start);

    private static EngineerDecision Apply(Engineer engineer, EngineerDecision decision)
    {
        foreach (var happened in decision.Events)
        {
            engineer.Apply(happened);
        }
        return decision;
    }
}
