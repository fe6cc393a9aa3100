using System.Globalization;
using Dispatch.Domain.Sla;

namespace Dispatch.Domain.Tickets;

/// <summary>
/// A step of the SLA ladder fired: a warning before the deadline, the breach, or a level after it. It names the
/// checkpoint it fired so that the timeline shows which one, and when it was due.
/// </summary>
public sealed record SlaStepReached(DateTimeOffset At, string Why, string Metric, string StepId, EscalationKind Kind, int Level, DateTimeOffset DueAt, string Checkpoint)
    : TicketEvent(At, TicketActor.System, Why)
{
    public override string What => Kind switch
    {
        EscalationKind.Warning => "sla.warning",
        EscalationKind.Breach => "sla.breached",
        _ => "sla.escalated",
    };

    public override IReadOnlyDictionary<string, string>? Details => new Dictionary<string, string>
    {
        ["metric"] = Metric,
        ["step"] = StepId,
        ["level"] = Level.ToString(CultureInfo.InvariantCulture),
        ["dueAt"] = DueAt.ToString("O", CultureInfo.InvariantCulture),
        ["checkpoint"] = Checkpoint,
    };
}
