namespace Dispatch.Grains.Customers;

/// <summary>The types of the events a customer grain appends to its stream ("customer:{id}").</summary>
public static class CustomerEventTypes
{
    /// <summary>The customer was created; data: the profile.</summary>
    public const string Registered = "customer.registered";

    /// <summary>The profile changed; data: the new profile and the names of the fields that changed.</summary>
    public const string Updated = "customer.updated";

    /// <summary>A satisfaction survey was recorded; data: ticket id, CSAT, NPS, comment, blamed stage.</summary>
    public const string Survey = "customer.survey";

    /// <summary>The health score fell below the alert threshold; data: score, previous score, threshold, penalties.</summary>
    public const string HealthLow = "customer.health-low";

    /// <summary>Consecutive negative surveys blamed the same stage; data: the stage and the tickets of the streak.</summary>
    public const string ProcessReview = "customer.process-review";
}
