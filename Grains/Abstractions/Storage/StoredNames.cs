namespace Dispatch.Grains.Storage;

/// <summary>
/// Enum values that contracts keep in stored state by name (a ticket's priority, a status on a board): a name means the
/// same thing whatever order the enum's members are declared in, and state written before the contract was typed holds
/// exactly these names.
/// </summary>
public static class StoredNames
{
    /// <summary>The member named <paramref name="name"/> exactly; anything else is corrupt state, not a default.</summary>
    public static T Parse<T>(string name) where T : struct, Enum =>
        Enum.GetNames<T>().Contains(name, StringComparer.Ordinal)
            ? Enum.Parse<T>(name)
            : throw new InvalidDataException($"'{name}' is not a stored name of {typeof(T).Name}.");
}
