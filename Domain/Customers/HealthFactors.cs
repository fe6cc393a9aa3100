namespace Dispatch.Domain.Customers;

/// <summary>
/// The names of the health score's penalties, as they appear in the score's breakdown (and in the API), so
/// that a low score can be explained factor by factor.
/// </summary>
public static class HealthFactors
{
    /// <summary>The customer asks for help more often than usual.</summary>
    public const string Frequency = "frequency";

    /// <summary>A large share of the customer's recent tickets are P1 or P2.</summary>
    public const string Severity = "severity";

    /// <summary>Resolved tickets whose SLA was breached.</summary>
    public const string SlaBreaches = "sla-breaches";

    /// <summary>Recent satisfaction surveys score low.</summary>
    public const string Satisfaction = "satisfaction";
}
