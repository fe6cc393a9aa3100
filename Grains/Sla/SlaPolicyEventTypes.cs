namespace Dispatch.Grains.Sla;

/// <summary>Events of the SLA policies in the event log: one stream per policy, so the audit trail reads a policy's history.</summary>
public static class SlaPolicyEventTypes
{
    public static string Stream(string policyId) => $"sla-policy:{policyId}";

    /// <summary>A policy was added to the book; data: the policy, its position in the match order.</summary>
    public const string Added = "sla.policy-added";

    /// <summary>A policy's terms or position changed; data: the policy as it is now, its position.</summary>
    public const string Changed = "sla.policy-updated";

    /// <summary>A policy was taken out of the book; its tickets fall back to the book's match.</summary>
    public const string Removed = "sla.policy-removed";
}
