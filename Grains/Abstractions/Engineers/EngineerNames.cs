namespace Dispatch.Grains.Engineers;

/// <summary>How an engineer is named to customers.</summary>
public static class EngineerNames
{
    /// <summary>First names only: a customer needs to know who rings the bell, not the engineer's full name.</summary>
    public static string FirstName(string name) =>
        name.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : name;
}
