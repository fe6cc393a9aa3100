namespace Dispatch.Grains.Customers;

/// <summary>
/// Which fields of a profile a PUT changed. Records compare lists by reference, so the sites are compared
/// element by element: a profile sent again unchanged is not an update.
/// </summary>
internal static class CustomerProfileChanges
{
    public static IReadOnlyList<string> Between(CustomerProfile before, CustomerProfile after)
    {
        var changed = new List<string>();
        if (before.Name != after.Name)
        {
            changed.Add("name");
        }
        if (before.Tier != after.Tier)
        {
            changed.Add("tier");
        }
        if (!before.Sites.SequenceEqual(after.Sites))
        {
            changed.Add("sites");
        }
        if (before.Contract != after.Contract)
        {
            changed.Add("contract");
        }
        if (before.Phone != after.Phone)
        {
            changed.Add("phone");
        }
        if (before.Email != after.Email)
        {
            changed.Add("email");
        }
        return changed;
    }
}
