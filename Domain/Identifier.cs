using System.Text.RegularExpressions;

namespace Dispatch.Domain;

/// <summary>
/// What an id may look like (a ticket, an engineer, a skill, a policy, a calendar): safe in a URL path, a stream
/// name and a log line without escaping.
/// </summary>
public static partial class Identifier
{
    public const int MaxLength = 64;

    /// <summary>The rule as the people who break it read it.</summary>
    public const string Rule = "1-64 letters, digits, '.', '_' or '-', starting with a letter or digit";

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    // A leading letter or digit: '..' and '.hidden' are never ids.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex Pattern();
}
