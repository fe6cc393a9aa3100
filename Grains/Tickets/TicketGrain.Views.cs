using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Live;
using Dispatch.Grains.Sla;
using NodaTime;

namespace Dispatch.Grains.Tickets;

/// <summary>What a ticket shows: its state, its clocks as of now, and how each clock's numbers came about.</summary>
public sealed partial class TicketGrain
{
    public async Task<SlaExplanationView?> ExplainSla()
    {
        if (!T.Opened)
        {
            return null;
        }
        var book = await slaBook.CurrentAsync();
        var policy = Policy(book);
        var now = clock.GetUtcNow();
        var clocks = SlaClockCalculator.Evaluate(policy, book.Calendars, SlaEvents(), Instant.FromDateTimeOffset(now))
            .Select(reading => new SlaClockExplanation(
                ToView(reading, policy),
                reading.StartedAt?.ToDateTimeOffset(),
                reading.StoppedAt?.ToDateTimeOffset(),
                [.. reading.Explanation.Counted.Select(c => new CountedSpan(c.Interval.Start.ToDateTimeOffset(), c.Interval.End.ToDateTimeOffset(), c.RunningTotal.ToTimeSpan()))],
                [.. reading.Explanation.Pauses.Select(p => new PauseSpan(p.Start.ToDateTimeOffset(), p.End?.ToDateTimeOffset(), p.Reason, Camel(p.Cause.ToString())))],
                [.. reading.Explanation.CalendarGaps.Select(g => new Span(g.Start.ToDateTimeOffset(), g.End.ToDateTimeOffset()))]))
            .ToList();
        return new SlaExplanationView(Id, policy.Id, policy.Name, now, clocks, [.. T.Fired.Order(StringComparer.Ordinal)]);
    }

    private async Task<TicketView> View(DateTimeOffset now)
    {
        var request = T.Request!;
        var clocks = await ClockViews(now);
        return new TicketView(
            Id,
            T.Status,
            T.Priority,
            request.CustomerId,
            T.CustomerTier,
            request.ServiceType,
            request.Title,
            request.Description,
            request.Location,
            request.RequiredSkills,
            request.Channel,
            request.ExternalId,
            T.AssignedEngineerId ?? T.OfferedEngineerId,
            T.EscalationLevel,
            T.WaitingReason,
            T.PolicyId,
            clocks,
            [.. T.Timeline], // a copy: views are immutable messages, the timeline keeps growing
            T.CreatedAt,
            T.Survey,
            request.OpenedBy);
    }

    private async Task<CustomerTicket> CustomerRecord(DateTimeOffset now)
    {
        var readings = await Readings(now);
        return new CustomerTicket(
            Id,
            T.Request!.Title,
            T.Priority,
            T.Request.ServiceType,
            T.Status,
            T.CreatedAt,
            T.ResolvedAt,
            readings.Readings.Any(r => r.State == SlaClockState.Breached),
            TicketLifecycle.IsOpen(T.Status));
    }

    private async Task<(SlaPolicy Policy, IReadOnlyList<SlaClockReading> Readings)> Readings(DateTimeOffset now)
    {
        var clocks = ClocksAt(await slaBook.CurrentAsync(), now);
        return (clocks.Policy, clocks.Readings);
    }

    /// <summary>The ticket as the live map shows it: the worst clock's state and how close it is to breach.</summary>
    private TicketMarker Marker(SlaBook book, DateTimeOffset now)
    {
        var readings = ClocksAt(book, now).Readings;
        var live = readings.Where(r => r.State is SlaClockState.Running or SlaClockState.Warning or SlaClockState.Breached or SlaClockState.Paused).ToList();
        var worst = live.Any(r => r.State == SlaClockState.Breached) ? "breached"
            : live.Any(r => r.State == SlaClockState.Warning) ? "warning"
            : live.Any(r => r.State == SlaClockState.Running) ? "running"
            : live.Count > 0 ? "paused"
            : readings.Any(r => r.State == SlaClockState.Met) ? "met" : "none";
        var risk = live.Count == 0 ? 0 : live.Max(r => Math.Clamp(r.Elapsed / r.Target, 0, 1));
        var next = live.Where(r => r.DueAt is not null && r.State != SlaClockState.Breached).MinBy(r => r.DueAt!.Value);
        var nextDue = next is null ? default : next.DueAt!.Value.ToDateTimeOffset();
        return new TicketMarker(Id, T.Status, T.Priority, T.Request!.Location.Lat, T.Request.Location.Lon, worst,
            nextDue == default ? null : nextDue, T.EscalationLevel, T.AssignedEngineerId ?? T.OfferedEngineerId, T.Region, T.Request.Title,
            T.Request.CustomerId, T.Request.ServiceType, T.CreatedAt, TicketLifecycle.IsOpen(T.Status), Math.Round(risk, 3), now,
            next is null ? null : SlaSchedule.MetricName(next.Metric));
    }

    /// <summary>The clocks as views show them, and offers pushed to a phone.</summary>
    private async Task<List<SlaClockView>> ClockViews(DateTimeOffset now)
    {
        var (policy, readings) = await Readings(now);
        return [.. readings.Select(r => ToView(r, policy))];
    }

    private static SlaClockView ToView(SlaClockReading reading, SlaPolicy policy) => new(
        SlaSchedule.MetricName(reading.Metric),
        reading.Target.ToTimeSpan(),
        reading.DueAt?.ToDateTimeOffset(),
        reading.Elapsed.ToTimeSpan(),
        reading.Remaining.ToTimeSpan(),
        StateNames[reading.State],
        policy.TargetFor(reading.Metric)?.CalendarId ?? "");

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    // Every view shows each clock's state: its name is made once, not for every clock of every view.
    private static readonly Dictionary<SlaClockState, string> StateNames =
        Enum.GetValues<SlaClockState>().ToDictionary(state => state, state => Camel(state.ToString()));
}
