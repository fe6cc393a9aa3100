namespace Dispatch.Grains.Tickets;

/// <summary>
/// A retried intake must be the request that first used its key (the IETF Idempotency-Key draft): a key reused
/// for a different request is refused rather than answered with a ticket the caller did not ask for.
/// </summary>
public static class RepeatedIntake
{
    /// <summary>The fields, as the API names them, in which the repeated request differs from the original.</summary>
    public static IReadOnlyList<string> DifferingFields(OpenTicket original, OpenTicket repeated)
    {
        var differing = new List<string>();
        Compare("customerId", original.CustomerId, repeated.CustomerId);
        Compare("title", original.Title, repeated.Title);
        Compare("description", original.Description, repeated.Description);
        Compare("serviceType", original.ServiceType, repeated.ServiceType);
        Compare("priority", original.Priority.ToString(), repeated.Priority.ToString());
        Compare("channel", original.Channel, repeated.Channel);
        Compare("externalId", original.ExternalId, repeated.ExternalId);
        if (original.Location != repeated.Location)
        {
            differing.Add("location");
        }
        // Skills are a set: the same skills in another order are the same request.
        if (!original.RequiredSkills.ToHashSet(StringComparer.Ordinal).SetEquals(repeated.RequiredSkills))
        {
            differing.Add("requiredSkills");
        }
        return differing;

        void Compare(string field, string? first, string? again)
        {
            if (!string.Equals(first, again, StringComparison.Ordinal))
            {
                differing.Add(field);
            }
        }
    }
}
