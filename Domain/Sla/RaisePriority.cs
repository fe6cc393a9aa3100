namespace Dispatch.Domain.Sla;

/// <summary>Raise the ticket's priority by one level (P1 stays P1); see <see cref="PriorityExtensions.Raised"/>.</summary>
public sealed record RaisePriority : EscalationAction;
