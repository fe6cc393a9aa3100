namespace Dispatch.Silo.CustomerMail;

/// <summary>The ticket events a customer is told about (issue 17: offered, accepted, en route and resolved).</summary>
public static class CustomerMilestones
{
    public const string Offered = "ticket.offered";
    public const string Accepted = "ticket.accepted";
    public const string EnRoute = "ticket.en-route";
    public const string Resolved = "ticket.resolved";

    public static readonly IReadOnlySet<string> LogTypes = new HashSet<string>([Offered, Accepted, EnRoute, Resolved], StringComparer.Ordinal);

    /// <summary>Whether the customer is told an expected arrival at this milestone (the engineer is yet to come).</summary>
    public static bool HasEta(string logType) => logType is Offered or Accepted or EnRoute;
}
