namespace Dispatch.Domain.Sla;

/// <summary>Re-dispatch with the engineer search radius multiplied by <see cref="Factor"/> (e.g. 2 = twice as far).</summary>
public sealed record WidenSearch(double Factor) : EscalationAction;
