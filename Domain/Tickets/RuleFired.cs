using System.Globalization;

namespace Dispatch.Domain.Tickets;

/// <summary>An escalation rule of the book fired for this ticket (e.g. a VIP P1 untaken for 2 h).</summary>
public sealed record RuleFired(DateTimeOffset At, string RuleName, string RuleId, int Level, DateTimeOffset DueAt, string Checkpoint)
    : TicketEvent(At, TicketActor.System, RuleName)
{
    public override string What => "rule.fired";

    public override IReadOnlyDictionary<string, string>? Details => new Dictionary<string, string>
    {
        ["rule"] = RuleId,
        ["level"] = Level.ToString(CultureInfo.InvariantCulture),
        ["dueAt"] = DueAt.ToString("O", CultureInfo.InvariantCulture),
        ["checkpoint"] = Checkpoint,
    };
}
