namespace Dispatch.Domain.Sla;

/// <summary>Notify everyone holding <see cref="Role"/> (e.g. "dispatcher", "supervisor", "director").</summary>
public sealed record AlertRole(string Role) : EscalationAction;
