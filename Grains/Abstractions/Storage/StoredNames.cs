using System.Collections.Frozen;

namespace Dispatch.Grains.Storage;

/// <summary>
/// Enum values that contracts keep in stored state by name (a ticket's priority, a status on a board): a name means the
/// same thing whatever order the enum's members are declared in, and state written before the contract was typed holds
/// exactly these names.
/// </summary>
/// <remarks>
/// Both ways go through tables made once per enum: every stored ticket, marker and message reads and writes these
/// names, and <see cref="Enum.ToString()"/> boxes the value each time (as <see cref="Enum.GetNames{TEnum}"/> makes a new array).
/// </remarks>
public static class StoredNames
{
    /// <summary>The member named <paramref name="name"/> exactly; anything else is corrupt state, not a default.</summary>
    public static T Parse<T>(string name) where T : struct, Enum =>
        Names<T>.ValueOf.TryGetValue(name, out var value)
            ? value
            : throw new InvalidDataException($"'{name}' is not a stored name of {typeof(T).Name}.");

    /// <summary>The name <paramref name="value"/> is stored by (its number, as <see cref="Enum.ToString()"/> gives it, when it has none).</summary>
    public static string Of<T>(T value) where T : struct, Enum =>
        Names<T>.NameOf.TryGetValue(value, out var name) ? name : value.ToString();

    private static class Names<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<string, T> ValueOf =
            Enum.GetNames<T>().ToFrozenDictionary(n => n, Enum.Parse<T>, StringComparer.Ordinal);

        // Of two members with one value, the name Enum.ToString gives.
        public static readonly FrozenDictionary<T, string> NameOf =
            Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, v => v.ToString());
    }
}
