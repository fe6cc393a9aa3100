using System.Globalization;
using Dispatch.Domain.Sla;

namespace Dispatch.Domain.Tickets;

/// <summary>An escalation raised the ticket's priority one step towards P1 (<paramref name="Why"/>: the step or rule).</summary>
public sealed record PriorityRaised(DateTimeOffset At, string Why, Priority FromPriority, Priority Priority) : TicketEvent(At, TicketActor.System, Why)
{
    public override string What => "ticket.priority-raised";

    public override IReadOnlyDictionary<string, string>? Details => new Dictionary<string, string>
    {
        ["from"] = FromPriority.ToString(),
        ["to"] = Priority.ToString(),
    };
}

/// <summary>An escalation asked dispatch to search wider: <paramref name="Widening"/> times the usual radius, in all.</summary>
public sealed record SearchWidened(DateTimeOffset At, string Why, double Widening) : TicketEvent(At, TicketActor.System, Why)
{
    public override string What => "dispatch.search-widened";

    public override IReadOnlyDictionary<string, string>? Details => new Dictionary<string, string>
    {
        ["factor"] = Widening.ToString(CultureInfo.InvariantCulture),
    };
}
