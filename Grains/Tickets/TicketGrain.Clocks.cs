using Dispatch.Domain.Sla;
using Dispatch.Grains.Sla;
using NodaTime;

namespace Dispatch.Grains.Tickets;

/// <summary>
/// The ticket's clocks as of one instant. Reading the clocks and laying out the checkpoints walk the whole SLA
/// timeline over business calendars, and one command needs them several times (what is due, when to wake up
/// next, the map's marker, the reply, the customer's record); so they are worked out once per state and instant.
/// </summary>
public sealed partial class TicketGrain
{
    private TicketClocks? _clocks;

    private TicketClocks ClocksAt(SlaBook book, DateTimeOffset now)
    {
        var shape = new ClockShape(now, T.SlaMarks.Count, T.PolicyId, T.Priority);
        if (_clocks is not { } known || !ReferenceEquals(known.Book, book) || known.Shape != shape)
        {
            _clocks = known = new TicketClocks(book, shape, Policy(book), SlaEvents());
        }
        return known;
    }

    /// <summary>
    /// What the readings and the deadlines depend on besides the book: the instant, the SLA marks (they only
    /// grow, so their count stands for them) and the facts that choose the policy and the rules.
    /// </summary>
    private readonly record struct ClockShape(DateTimeOffset At, int SlaMarks, string PolicyId, Priority Priority);

    private sealed class TicketClocks(SlaBook book, ClockShape shape, SlaPolicy policy, List<SlaEvent> events)
    {
        private IReadOnlyList<SlaClockReading>? _readings;

        public SlaBook Book { get; } = book;

        public ClockShape Shape { get; } = shape;

        public SlaPolicy Policy { get; } = policy;

        public List<SlaEvent> Events { get; } = events;

        /// <summary>The policy's clocks traced once, for both the readings and the policy's checkpoints.</summary>
        public SlaClockSet Clocks { get; } = new(policy, book.Calendars, events, Instant.FromDateTimeOffset(shape.At));

        /// <summary>Every clock of the policy (without the explanation, which only the explain endpoint shows).</summary>
        public IReadOnlyList<SlaClockReading> Readings => _readings ??= Clocks.Readings(explain: false);

        /// <summary>The policy's and the rules' checkpoints, fired or not, in due order; filled by the grain on first use.</summary>
        public List<Checkpoint>? Deadlines { get; set; }
    }
}
