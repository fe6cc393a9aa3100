namespace Dispatch.Grains.Customers;

/// <summary>How customer health alerts behave; bound from the "Customers" configuration section.</summary>
public sealed class CustomerHealthOptions
{
    public const string SectionName = "Customers";

    /// <summary>A health score (0-100) below this raises a "customer.health-low" alert when the score falls past it.</summary>
    public int HealthAlertThreshold { get; set; } = 60;
}
