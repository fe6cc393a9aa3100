namespace Dispatch.Domain.Sla;

/// <summary>Notify everyone holding <see cref="Role"/> (e.g. "dispatcher", "supervisor", "director").</summary>
public sealed record AlertRole(string Role) : EscalationAction
{
    /// <summary>The roles a ladder step or a rule notifies: its alertRole actions, each once, in their order.</summary>
    public static IReadOnlyList<string> In(IEnumerable<EscalationAction> actions) =>
        [.. actions.OfType<AlertRole>().Select(a => a.Role).Distinct(StringComparer.Ordinal)];
}
